package dev.digitgan.stack;

import java.time.Duration;
import java.util.Optional;

/** Polls a server until it answers, failing fast (with its log) if its process dies first. */
final class Readiness {

    /** Generous: a cold JVM on a busy 2-core machine needs 10-20 s; far more means something is wrong. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Readiness() {
    }

    /** One readiness probe: empty when ready, else why not (for the timeout message). */
    @FunctionalInterface
    interface Probe {
        Optional<String> notReadyReason() throws Exception;
    }

    /** Thrown when the child process exits before it is ready (a random port taken in between, bad config ...). */
    static final class ProcessDied extends IllegalStateException {
        ProcessDied(String message) {
            super(message);
        }
    }

    static void await(ChildProcess process, Duration timeout, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastReason = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new ProcessDied(process.name() + " exited before it was ready; last lines of "
                        + process.logFile() + ":" + System.lineSeparator() + process.logTail(40));
            }
            try {
                Optional<String> reason = probe.notReadyReason();
                if (reason.isEmpty()) {
                    return;
                }
                lastReason = reason.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            } catch (Exception e) {
                lastReason = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not ready after " + timeout + " (" + lastReason
                        + "); last lines of " + process.logFile() + ":" + System.lineSeparator() + process.logTail(40));
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
        }
    }
}
