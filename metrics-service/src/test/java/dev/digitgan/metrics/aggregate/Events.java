package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.spec.Presets;
import java.time.Instant;

/** Valid events for tests, with values derived from the step so that every step is distinguishable. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

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

    public static RunStatus status(String runId, RunStatus.State state, long updatedSecond) {
        return new RunStatus(Event.SCHEMA_VERSION, runId, state, "seed", 2, 2, 0, 200, 0, "host-a", null,
                T0.plusSeconds(updatedSecond));
    }

    private Events() {
    }
}
