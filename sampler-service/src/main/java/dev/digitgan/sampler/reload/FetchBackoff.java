package dev.digitgan.sampler.reload;

import dev.digitgan.support.retry.Backoff;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When to try fetching a version again after its object could not be read (S3 down, slow, or the object not there
 * yet). The delay doubles from {@code first} up to {@code max} ({@link Backoff}, whose sequence the trainer's S3
 * retries use too) and the version is never given up: an outage says nothing about the bytes, so it must not turn
 * into a rejection. A version is not fetched again before its time, however many reconciles other events ask for, so
 * a fleet does not hammer a struggling S3.
 */
final class FetchBackoff {

    private record Failures(int count, long retryAtNanos) {
    }

    private final Backoff backoff;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> byVersion = new ConcurrentHashMap<>();

    FetchBackoff(Duration first, Duration max, LongSupplier nanoTime) {
        this.backoff = new Backoff(first, max);
        this.nanoTime = nanoTime;
    }

    /** Records a failed fetch; returns how long to wait before the next one. */
    Duration failed(String version) {
        Failures before = byVersion.get(version);
        int count = before == null ? 1 : before.count() + 1;
        Duration delay = backoff.delay(count);
        byVersion.put(version, new Failures(count, nanoTime.getAsLong() + delay.toNanos()));
        return delay;
    }

    /** True while {@code version}'s last fetch failed and its retry time has not come. */
    boolean waiting(String version) {
        Failures failures = byVersion.get(version);
        return failures != null && nanoTime.getAsLong() - failures.retryAtNanos() < 0;
    }

    int failures(String version) {
        Failures failures = byVersion.get(version);
        return failures == null ? 0 : failures.count();
    }

    void reset(String version) {
        byVersion.remove(version);
    }
}
