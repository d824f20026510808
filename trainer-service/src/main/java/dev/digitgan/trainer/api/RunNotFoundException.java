package dev.digitgan.trainer.api;

import dev.digitgan.support.api.HttpFailure;

/** No run with that id in the run-status view: HTTP 404. */
public class RunNotFoundException extends RuntimeException implements HttpFailure {

    public RunNotFoundException(String runId) {
        super("no run '" + runId + "'");
    }

    @Override
    public int status() {
        return 404;
    }
}
