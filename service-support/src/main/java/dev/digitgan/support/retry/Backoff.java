package dev.digitgan.support.retry;

import java.time.Duration;

/**
 * The waits between tries of something that failed: {@code first} after the first failure in a row, then doubling,
 * never more than {@code max}. Only the sequence: how failures are counted and when to give up is the user's (the
 * sampler fetches a version again for ever, the trainer retries S3 until a deadline).
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 < first <= max, got " + first + " and "
                    + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 or more): first, 2 × first, 4 × first, ..., max. */
    public Duration delay(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("a delay follows a failure; failures must be >= 1, got " + failures);
        }
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
