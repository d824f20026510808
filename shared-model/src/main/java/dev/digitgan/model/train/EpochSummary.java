package dev.digitgan.model.train;

import java.time.Duration;

/**
 * One finished epoch.
 *
 * @param epoch           1-based epoch that finished
 * @param epochs          epochs the run will train in total
 * @param step            completed steps in the run
 * @param mean            means of the epoch's step readings
 * @param duration        wall time of the epoch's steps (without callbacks)
 * @param imagesPerSecond real images per second over the epoch
 * @param samples         {@code sampleCount * 784} pixels in [-1, 1] generated from the run's fixed z
 * @param sampleCount     images in {@code samples}
 */
public record EpochSummary(int epoch, int epochs, long step, StepResult mean, Duration duration,
        double imagesPerSecond, float[] samples, int sampleCount) {
}
