package dev.digitgan.trainer.api;

/** No run with that id in the run-status view: HTTP 404. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String runId) {
        super("no run '" + runId + "'");
    }
}
