package dev.digitgan.trainer.api;

/** Kafka did not acknowledge a request or command, or the run statuses could not be read: HTTP 503. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
