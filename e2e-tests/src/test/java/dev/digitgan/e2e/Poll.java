package dev.digitgan.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks again and again until an answer is there or a deadline passes. The pause between attempts is short;
 * the deadline is what bounds the test.
 */
final class Poll {

    private static final Duration PAUSE = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * @param what     for the failure message: what was waited for
     * @param attempt  empty while not there yet; may throw to fail at once (for example a service that died)
     * @param lastSeen called on timeout: what was last observed, for the failure message
     */
    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> attempt, Supplier<String> lastSeen) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
