package dev.digitgan.sampler.reload;

import dev.digitgan.support.api.HttpFailure;

/** A policy change that cannot be honoured; {@code status} is the HTTP status that says why (404, 409). */
public class PolicyException extends RuntimeException implements HttpFailure {

    private final int status;

    public PolicyException(int status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
