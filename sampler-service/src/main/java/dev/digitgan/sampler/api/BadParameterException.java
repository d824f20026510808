package dev.digitgan.sampler.api;

/** A request parameter that is missing, malformed or out of range; answered with 400 and this message. */
public class BadParameterException extends IllegalArgumentException {

    public BadParameterException(String message) {
        super(message);
    }
}
