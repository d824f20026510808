package dev.digitgan.trainer.api;

import dev.digitgan.support.api.HttpFailure;

/** The request contradicts a run's state (id taken, stopping a finished run): HTTP 409. */
public class RunConflictException extends RuntimeException implements HttpFailure {

    public RunConflictException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }
}
