package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.LossEvent;

/** Told about new runs (to register their gauges) and newly counted steps (to stream them). */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** Called once per run id, before the first event of the run is counted. */
    default void runAdded(RunAggregate run) {
    }

    /** Called for each step counted for the first time, after it is aggregated. */
    default void lossAccepted(LossEvent event) {
    }
}
