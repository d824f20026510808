package dev.digitgan.model.events;

import dev.digitgan.model.quality.QualityScores;
import java.time.Instant;

/**
 * The state of a run as its trainer last reported it. The newest status per run id is the truth, so the
 * topic can be compacted.
 *
 * @param trainer the instance training it (host name), null while only requested
 * @param message      a human-readable detail (the error on FAILED), may be null
 * @param finalQuality the evaluator's scores of the run's last weights (at the report N, normally 10,000),
 *                     on FINISHED; null otherwise and in schema v1
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
        Instant updatedAt,
        QualityScores finalQuality) implements Event {

    public enum State {
        REQUESTED, RUNNING, STOPPING, STOPPED, FINISHED, FAILED;

        public boolean isFinal() {
            return this == STOPPED || this == FINISHED || this == FAILED;
        }
    }

    public RunStatus {
        Checks.schema(schemaVersion, SchemaVersions.oldest(RunStatus.class), SchemaVersions.RUN_STATUS);
        RunIds.requireValid(runId);
        Checks.present(state, "state");
        Checks.present(updatedAt, "updatedAt");
        Checks.nonNegative(step, "step");
        Checks.nonNegative(totalSteps, "totalSteps");
        Checks.nonNegative(checkpoints, "checkpoints");
        if (finalQuality != null && schemaVersion < 2) {
            throw new IllegalArgumentException("field 'finalQuality' needs schemaVersion 2, was " + schemaVersion);
        }
        if (finalQuality != null && state != State.FINISHED) {
            throw new IllegalArgumentException("field 'finalQuality' belongs to a FINISHED run, not " + state);
        }
    }
}
