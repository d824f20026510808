package dev.digitgan.trainer.kafka;

import dev.digitgan.support.retry.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Sends a record and waits for Kafka's acknowledgement for at most one configured time, sending it again after a
 * failure that another try may not meet. Used wherever the trainer must know a record is in Kafka before it goes on
 * (a checkpoint event, a status, a run-id claim, a request).
 *
 * <p>What is sent again: a send that failed with one of Kafka's retriable errors (no leader, not enough replicas, a
 * network error, no metadata in time, a delivery timeout), after 200 ms, 400 ms, ... up to 5 s ({@link Backoff}),
 * while the time left allows. The producer itself retries such errors within its own {@code delivery.timeout.ms}
 * (120 s by default) and keeps the record meanwhile, so a broker that is only slow or frozen shows up here as a
 * longer wait, not as a failure; the resend covers what the producer gives up on earlier. Sending a record again
 * that may have landed is harmless for everything sent this way: statuses are the newest per run, a run-id claim
 * is the same claim (same nonce), and consumers count a checkpoint version once. Not sent again: a refusal
 * (a record too large, an authorization error, a serialization error, an unknown topic that is not coming).
 */
public final class AckWait {

    private static final Logger LOG = Logger.getLogger(AckWait.class);
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    /** The pause between tries; a test passes its own. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration wait;
    private final String setting;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /**
     * @param wait    the longest wait for one record's acknowledgement, resends included
     * @param setting the property that sets {@code wait}, named in the failure so an operator knows what to raise
     */
    public AckWait(Duration wait, String setting) {
        this(wait, setting, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    AckWait(Duration wait, String setting, Sleeper sleeper, LongSupplier nanoTime) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, got " + wait);
        }
        this.wait = wait;
        this.setting = setting;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    public Duration limit() {
        return wait;
    }

    /** Whether another send may succeed where this one failed. */
    static boolean transientFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Sends with {@code send} and waits until Kafka acknowledged it.
     *
     * @param what names the record in messages ("checkpoint event 3 of run r")
     * @return how many sends it took
     * @throws Acks.NotAcknowledgedException when Kafka refused the record, or did not acknowledge it within the
     *                                       wait; the message names the wait and its setting
     */
    public int send(String what, Supplier<CompletionStage<Void>> send) {
        long start = nanoTime.getAsLong();
        long deadline = start + wait.toNanos();
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try {
                send.get().toCompletableFuture().get(Math.max(1, deadline - nanoTime.getAsLong()),
                        TimeUnit.NANOSECONDS);
                if (attempt > 1) {
                    LOG.infof("Kafka acknowledged %s on attempt %d, %.1f s after the first", what, attempt,
                            (nanoTime.getAsLong() - start) / 1e9);
                }
                return attempt;
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (TimeoutException e) {
                throw new Acks.NotAcknowledgedException("Kafka did not acknowledge " + what + " within " + wait
                        + " (" + setting + "; " + attempts(attempt) + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Acks.NotAcknowledgedException("interrupted while waiting for Kafka to acknowledge " + what,
                        e);
            } catch (RuntimeException e) {
                failure = e; // the send itself threw (no metadata in time, a closed producer)
            }
            if (!transientFailure(failure)) {
                throw new Acks.NotAcknowledgedException("Kafka did not accept " + what + ": " + failure, failure);
            }
            Duration pause = BACKOFF.delay(attempt);
            long left = deadline - nanoTime.getAsLong();
            if (left <= pause.toNanos()) {
                throw new Acks.NotAcknowledgedException("Kafka did not acknowledge " + what + " within " + wait
                        + " (" + setting + "; " + attempts(attempt) + ", the last failed: " + failure + ")", failure);
            }
            LOG.warnf("Kafka: send of %s failed on attempt %d, %.1f s into %s (%s): %s; next try in %d ms", what,
                    attempt, (nanoTime.getAsLong() - start) / 1e9, wait, setting, failure, pause.toMillis());
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Acks.NotAcknowledgedException("interrupted while waiting to send " + what + " again", e);
            }
        }
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
