package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.Presets;
import java.time.Instant;

/** Valid events for tests, with values derived from the step so that every step is distinguishable. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** An evaluator id of the shape {@code QualityEvaluator.id()} gives. */
    public static final String EVALUATOR = "mnist-cnn-0123456789ab";

    public static LossEvent loss(String runId, long step, int epoch, double dLoss, double gLoss) {
        return new LossEvent(Event.SCHEMA_VERSION, runId, step, epoch, dLoss, gLoss, 0.5 + dLoss / 100,
                0.5 - gLoss / 100, 1000 + step, T0.plusMillis(step * 10));
    }

    /** Step {@code step} of a run with {@code stepsPerEpoch} steps per epoch and losses that vary by step. */
    public static LossEvent loss(String runId, long step, int stepsPerEpoch) {
        int epoch = (int) ((step - 1) / stepsPerEpoch) + 1;
        return loss(runId, step, epoch, 1.0 + (step % 7) / 10.0, 2.0 - (step % 5) / 10.0);
    }

    public static CheckpointEvent checkpoint(String runId, long version, long step) {
        return new CheckpointEvent(Event.SCHEMA_VERSION, runId, version, "digitgan",
                "runs/" + runId + "/checkpoints/" + String.format("%08d", version) + ".zip", 1000 + version,
                "a".repeat(64), Presets.byName("seed"), 1, step, 1.2, 0.8,
                "runs/" + runId + "/grids/" + String.format("%08d", version) + ".png", T0.plusSeconds(version));
    }

    /** A schema-v2 checkpoint event of version {@code version} carrying {@code scores}. */
    public static CheckpointEvent scored(String runId, long version, long step, QualityScores scores) {
        CheckpointEvent event = checkpoint(runId, version, step).withQuality(scores);
        if (event.schemaVersion() != SchemaVersions.CHECKPOINT_EVENT) {
            throw new IllegalStateException("withQuality should write the current schema version");
        }
        return event;
    }

    /** Unconditional scores at N {@code samples}, from evaluator {@link #EVALUATOR}. */
    public static QualityScores scores(double frechetDistance, double inceptionScore, double entropyBits, int samples) {
        return new QualityScores(frechetDistance, inceptionScore, entropyBits, null, samples, EVALUATOR);
    }

    /** Scores of a conditional generator. */
    public static QualityScores conditionalScores(double frechetDistance, double inceptionScore, double entropyBits,
                                                  double labelAccuracy, int samples) {
        return new QualityScores(frechetDistance, inceptionScore, entropyBits, labelAccuracy, samples, EVALUATOR);
    }

    public static RunStatus status(String runId, RunStatus.State state, long updatedSecond) {
        return new RunStatus(SchemaVersions.RUN_STATUS, runId, state, "seed", 2, 2, 0, 200, 0, "host-a", null,
                T0.plusSeconds(updatedSecond), null);
    }

    /** A FINISHED status carrying the score of the run's last weights. */
    public static RunStatus finished(String runId, long updatedSecond, QualityScores finalQuality) {
        return new RunStatus(SchemaVersions.RUN_STATUS, runId, RunStatus.State.FINISHED, "seed", 2, 2, 200, 200, 2,
                "host-a", "finished", T0.plusSeconds(updatedSecond), finalQuality);
    }

    private Events() {
    }
}
