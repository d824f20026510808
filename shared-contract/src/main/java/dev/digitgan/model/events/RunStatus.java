package dev.digitgan.model.events;

import java.time.Instant;

/**
 * The state of a run as its trainer last reported it. The newest status per run id is the truth, so the
 * topic can be compacted.
 *
 * @param trainer the instance training it (host name), null while only requested
 * @param message a human-readable detail (the error on FAILED), may be null
 */
public record RunStatus(
        int schemaVersion,
        String runId,
        State state,
        String preset,
        int epoch,
        int epochs,
        long step,
        long totalSteps,
        long checkpoints,
        String trainer,
        String message,
        Instant updatedAt) implements Event {

    public enum State {
        REQUESTED, RUNNING, STOPPING, STOPPED, FINISHED, FAILED;

        public boolean isFinal() {
            return this == STOPPED || this == FINISHED || this == FAILED;
        }
    }

    public RunStatus {
        Checks.schema(schemaVersion);
        RunIds.requireValid(runId);
        Checks.present(state, "state");
        Checks.present(updatedAt, "updatedAt");
        Checks.nonNegative(step, "step");
        Checks.nonNegative(totalSteps, "totalSteps");
        Checks.nonNegative(checkpoints, "checkpoints");
    }
}
