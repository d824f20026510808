package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.quality.QualityScores;

/**
 * Told about new runs (to register their gauges), newly counted steps (to stream them) and new quality scores (to
 * register the quality gauges, which a run has only once it is scored, and the final-score gauges likewise).
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** Called once per run id, before the first event of the run is counted. */
    default void runAdded(RunAggregate run) {
    }

    /** Called for each step counted for the first time, after it is aggregated. */
    default void lossAccepted(LossEvent event) {
    }

    /** Called for each score filed for the first time (per version and series), after it is aggregated. */
    default void qualityScored(RunAggregate run, QualityScores scores) {
    }

    /** Called when a FINISHED status with the score of the run's last weights becomes the run's newest status. */
    default void finalScored(RunAggregate run, QualityScores scores) {
    }
}
