package dev.digitgan.sampler.model;

/** Nothing to serve yet: no shipped model in this build and no checkpoint loaded. */
public class NoModelException extends RuntimeException {

    public NoModelException() {
        super("no model loaded yet: this build ships none and no checkpoint has been received");
    }
}
