package dev.digitgan.trainer.storage;

import dev.digitgan.support.retry.Backoff;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * How the trainer retries an S3 operation before the run it belongs to fails: what is worth another try, how long
 * to wait before it, and when to give up. Worth another try is what says nothing about the request itself: an I/O
 * error (connection refused or reset, a timeout of a hung server), a 5xx, and S3's own "slow down" and "request
 * timeout" answers. A refusal (403 AccessDenied, 404 NoSuchBucket or NoSuchKey, a bad signature) is final: asking
 * again gets the same answer, so it fails at once as before. The waits are {@link Backoff}'s (500 ms doubling to
 * 10 s) and tries go on until {@code retryFor} after the operation started; the last one starts no later than that,
 * so a run fails at most one request timeout ({@code digitgan.s3.read-timeout}) after it.
 *
 * <p>Every operation given to {@link #call} must be safe to repeat from its start (the store's are: each writes the
 * same bytes to the same keys, or only reads). Clock and sleep are injected, so that the decisions are tested in
 * milliseconds.
 */
public final class S3Retry {

    /** The configuration key of {@code retryFor}, named in the message of a run that gave up. */
    public static final String RETRY_FOR_KEY = "digitgan.trainer.s3-retry-for";
    /**
     * Short first waits catch a short outage soon after it ends (CheckpointStoreOutageTest: stored 0.8 s after S3
     * was back from 6 s); the cap keeps a fleet of trainers from hammering an S3 that is struggling.
     */
    static final Backoff WAITS = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    private static final Logger LOG = Logger.getLogger(S3Retry.class);
    /** S3 error codes that mean "try again", whatever status a server sends them with. */
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout");
    /**
     * MinIO's client says the status of a non-S3 answer (a proxy's or load balancer's error page) only in the
     * message of {@link InvalidResponseException} ("Non-XML response from server. Response code: 502, ...").
     */
    private static final Pattern NON_XML_STATUS = Pattern.compile("Response code: (\\d{3})");

    /** Waits; {@link Thread#sleep} in the service. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration retryFor;
    private final Backoff waits;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    /** @param retryFor how long after an operation started it may be tried again; zero: never */
    public S3Retry(Duration retryFor) {
        this(retryFor, WAITS, System::nanoTime, duration -> Thread.sleep(duration.toMillis()));
    }

    S3Retry(Duration retryFor, Backoff waits, LongSupplier nanoTime, Sleeper sleeper) {
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException(RETRY_FOR_KEY + " must not be negative, got " + retryFor);
        }
        this.retryFor = retryFor;
        this.waits = waits;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code operation} until it returns, fails with an error that is not transient (thrown as it is), or
     * fails with a transient one when {@code retryFor} has passed (a {@link StorageException} naming the deadline,
     * the attempts and the last error, which is its cause).
     *
     * @param what what the operation does, for the log and the error ("store checkpoint 3 of run r")
     */
    public <T> T call(String what, Supplier<T> operation) {
        long started = nanoTime.getAsLong();
        for (int failures = 1; ; failures++) {
            try {
                return operation.get();
            } catch (RuntimeException e) {
                Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - started);
                if (!isTransient(e)) {
                    throw e;
                }
                Optional<Duration> wait = Thread.currentThread().isInterrupted() ? Optional.empty()
                        : waitAfter(e, failures, elapsed);
                if (wait.isEmpty()) {
                    throw new StorageException(what + " failed " + failures + " time(s) in " + seconds(elapsed)
                            + "; gave up: S3 errors are retried for " + seconds(retryFor) + " (" + RETRY_FOR_KEY
                            + "). Last error: " + e.getMessage(), e);
                }
                LOG.warnf("S3: %s failed on attempt %d, %s into %s of retries: %s; next try in %d ms", what,
                        failures, seconds(elapsed), seconds(retryFor), e.getMessage(), wait.get().toMillis());
                pause(what, wait.get(), e);
            }
        }
    }

    /**
     * The decision after the {@code failures}-th failure in a row, {@code elapsed} after the operation started: how
     * long to wait before the next try, or empty to give up (the error is not transient, or the time is up). The
     * wait is cut to what is left, so that the last try starts at the deadline rather than not at all.
     */
    Optional<Duration> waitAfter(Throwable failure, int failures, Duration elapsed) {
        Duration left = retryFor.minus(elapsed);
        if (!isTransient(failure) || left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration wait = waits.delay(failures);
        return Optional.of(wait.compareTo(left) > 0 ? left : wait);
    }

    /**
     * True for an error that another try may not meet: anywhere in the cause chain an I/O error (refused, reset,
     * timed out, cut off), or an answer whose status is 5xx, 408 or 429 or whose S3 code says to try again. The
     * first answer in the chain decides: a 403 whose cause mentions I/O is still a refusal.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException e) {
                int status = e.response() == null ? 0 : e.response().code();
                String code = e.errorResponse() == null ? null : e.errorResponse().code();
                return transientStatus(status) || TRANSIENT_CODES.contains(code);
            }
            if (t instanceof InvalidResponseException e) {
                Matcher status = NON_XML_STATUS.matcher(String.valueOf(e.getMessage()));
                return status.find() && transientStatus(Integer.parseInt(status.group(1)));
            }
            if (t instanceof ServerException) {
                return true; // a 5xx without an S3 error body (a proxy in front of S3, a server restarting)
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientStatus(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private void pause(String what, Duration wait, RuntimeException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StorageException interrupted = new StorageException("interrupted while waiting to retry " + what, e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
