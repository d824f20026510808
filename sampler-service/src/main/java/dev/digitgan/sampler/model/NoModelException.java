package dev.digitgan.sampler.model;

import dev.digitgan.support.api.HttpFailure;
import java.util.Map;

/** Nothing to serve yet: no shipped model in this build and no checkpoint loaded. Answered with 503. */
public class NoModelException extends RuntimeException implements HttpFailure {

    public NoModelException() {
        super("no model loaded yet: this build ships none and no checkpoint has been received");
    }

    @Override
    public int status() {
        return 503;
    }

    /** A checkpoint usually arrives within seconds of a trainer's first one. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "5");
    }
}
