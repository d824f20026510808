package dev.digitgan.sampler.model;

/** A candidate model failed a check; the current model keeps serving. */
public class ModelRejectedException extends Exception {

    private final RejectReason reason;

    public ModelRejectedException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ModelRejectedException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
