package dev.digitgan.model.train;

import java.time.Duration;

/**
 * Progress after one step.
 *
 * @param epoch           1-based epoch the step belongs to
 * @param epochs          epochs the run will train in total
 * @param step            completed steps in the run (1-based index of this step)
 * @param totalSteps      steps the run will take in total
 * @param stepInEpoch     1-based index of this step within its epoch
 * @param stepsPerEpoch   steps per epoch
 * @param result          the step's losses and D readings
 * @param imagesPerSecond real images per second, smoothed over recent steps
 * @param elapsed         wall time since this loop started (not counting time before a resume)
 */
public record StepProgress(int epoch, int epochs, long step, long totalSteps, int stepInEpoch, int stepsPerEpoch,
        StepResult result, double imagesPerSecond, Duration elapsed) {

    /** Time for the remaining steps at the current rate; zero when done. */
    public Duration estimatedTimeLeft(int batchSize) {
        long remaining = Math.max(0, totalSteps - step);
        if (remaining == 0 || !(imagesPerSecond > 0)) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.round(remaining * batchSize / imagesPerSecond * 1000));
    }
}
