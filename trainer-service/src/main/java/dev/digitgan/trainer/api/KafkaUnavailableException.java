package dev.digitgan.trainer.api;

import dev.digitgan.support.api.HttpFailure;
import java.util.Map;

/** Kafka did not acknowledge a request or command, or the run statuses could not be read: HTTP 503. */
public class KafkaUnavailableException extends RuntimeException implements HttpFailure {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    /** Kafka outages here are seconds to minutes; a client may ask again soon. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "5");
    }
}
