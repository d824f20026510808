package dev.digitgan.trainer.api;

import dev.digitgan.support.api.HttpFailure;

/** A start request with a missing or invalid field: HTTP 400, the message names the field. */
public class InvalidRunRequestException extends RuntimeException implements HttpFailure {

    public InvalidRunRequestException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
