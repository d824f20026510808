package dev.digitgan.sampler.api;

import dev.digitgan.support.api.HttpFailure;

/** A request parameter that is missing, malformed or out of range; answered with 400 and this message. */
public class BadParameterException extends IllegalArgumentException implements HttpFailure {

    public BadParameterException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
