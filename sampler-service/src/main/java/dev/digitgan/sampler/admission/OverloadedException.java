package dev.digitgan.sampler.admission;

import dev.digitgan.support.api.HttpFailure;
import java.time.Duration;
import java.util.Map;

/** More render work than the replica takes on: HTTP 503 with {@code Retry-After}, gRPC RESOURCE_EXHAUSTED. */
public class OverloadedException extends RuntimeException implements HttpFailure {

    private final Duration retryAfter;

    public OverloadedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return 503;
    }

    /** Whole seconds, at least 1 (the header's unit). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds()));
    }
}
