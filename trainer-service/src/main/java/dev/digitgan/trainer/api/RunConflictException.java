package dev.digitgan.trainer.api;

/** The request contradicts a run's state (id taken, stopping a finished run): HTTP 409. */
public class RunConflictException extends RuntimeException {

    public RunConflictException(String message) {
        super(message);
    }
}
