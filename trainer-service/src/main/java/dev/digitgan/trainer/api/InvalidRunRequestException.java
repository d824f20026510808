package dev.digitgan.trainer.api;

/** A start request with a missing or invalid field: HTTP 400, the message names the field. */
public class InvalidRunRequestException extends RuntimeException {

    public InvalidRunRequestException(String message) {
        super(message);
    }
}
