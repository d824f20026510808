package dev.digitgan.sampler.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one dependency's probe on a thread of its own, every {@code interval} after the previous one finished, and
 * keeps what it found, so that a health check reads a field instead of waiting on the network: a hung server can
 * hold the probe thread until the client's own timeout, never a health request. One probe at a time, so a hung
 * server cannot pile up threads.
 */
public final class BackgroundProbe implements AutoCloseable {

    /** The probe's work: returns normally when the dependency answered as it should, throws otherwise. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final Check check;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private Instant waitingSince;
    private Instant lastAnswer;
    private String lastError;

    BackgroundProbe(Check check, Duration timeout, Clock clock) {
        this.check = check;
        this.timeout = timeout;
        this.clock = clock;
        this.thread = null;
    }

    /** Starts probing at once, then {@code interval} after each probe. */
    public BackgroundProbe(String name, Check check, Duration interval, Duration timeout) {
        this.check = check;
        this.timeout = timeout;
        this.clock = Clock.systemUTC();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::probeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One probe, on the calling thread. */
    void probeOnce() {
        synchronized (this) {
            waitingSince = clock.instant();
        }
        String error = null;
        try {
            check.run();
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        synchronized (this) {
            waitingSince = null;
            lastAnswer = clock.instant();
            lastError = error;
        }
    }

    /** What the probes found; never waits. */
    public synchronized ProbeStatus status() {
        return ProbeStatus.of(clock.instant(), timeout, waitingSince, lastAnswer, lastError);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
