package dev.digitgan.sampler.model;

import dev.digitgan.support.api.HttpFailure;

/**
 * A digit was asked of a model that cannot draw a chosen one (its spec has no classes). Answered with 400: the
 * request is fine for a conditional model, and which model is served is in {@code GET /models/current}.
 */
public class UnconditionalModelException extends RuntimeException implements HttpFailure {

    public UnconditionalModelException(String modelVersion) {
        super("the served model " + modelVersion + " is unconditional: it draws digits at random and cannot draw a"
                + " chosen one (digit, number.png and classes.png need a conditional model)");
    }

    @Override
    public int status() {
        return 400;
    }
}
