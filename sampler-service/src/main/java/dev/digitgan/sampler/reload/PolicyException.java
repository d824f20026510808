package dev.digitgan.sampler.reload;

/** A policy change that cannot be honoured; {@code status} is the HTTP status that says why (404, 409). */
public class PolicyException extends RuntimeException {

    private final int status;

    public PolicyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
