package dev.digitgan.model.train;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.quality.QualityScores;

/**
 * How a {@link TrainingLoop} ended.
 *
 * @param model          the trained networks (keep training them or sample from {@code model.generator()})
 * @param steps          completed steps in the run, including those before a resume
 * @param epochs         completed epochs
 * @param stopped        true if {@link TrainingListener#stopRequested()} ended it early
 * @param lastResult     readings of the last step; null if no step ran
 * @param lastCheckpoint version of the last checkpoint handed to the listener; 0 if none
 * @param finalQuality   the last weights scored on {@link TrainingOptions#finalSamples()} digits; null if not scored
 */
public record TrainingOutcome(GanModel model, long steps, int epochs, boolean stopped, StepResult lastResult,
        long lastCheckpoint, QualityScores finalQuality) {
}
