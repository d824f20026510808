package dev.digitgan.support.api;

import java.util.Map;

/**
 * Kafka did not take or answer what a request needed (a run request, a policy change, the run statuses): nothing
 * changed, ask again soon. HTTP 503 with {@code Retry-After}; Kafka outages here last seconds to minutes.
 */
public class KafkaUnavailableException extends RuntimeException implements HttpFailure {

    static final String RETRY_AFTER_SECONDS = "5";

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", RETRY_AFTER_SECONDS);
    }
}
