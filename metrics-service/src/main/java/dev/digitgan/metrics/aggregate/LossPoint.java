package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.LossEvent;
import java.time.Instant;

/**
 * A point of a loss curve: one step, or the mean of {@code count} consecutive steps when the history is
 * downsampled. The minimum and maximum of the losses stay with the point so that spikes and collapses
 * survive downsampling.
 *
 * @param step      the last step the point covers (the x coordinate)
 * @param firstStep the first step it covers (equal to {@code step} for a single step)
 * @param epoch     the epoch of the last step
 * @param time      the time of the last step
 */
public record LossPoint(
        long step,
        long firstStep,
        long count,
        int epoch,
        Instant time,
        double discriminatorLoss,
        double generatorLoss,
        double dReal,
        double dFake,
        double imagesPerSecond,
        double discriminatorLossMin,
        double discriminatorLossMax,
        double generatorLossMin,
        double generatorLossMax) {

    public static LossPoint of(LossEvent e) {
        return new LossPoint(e.step(), e.step(), 1, e.epoch(), e.time(), e.discriminatorLoss(), e.generatorLoss(),
                e.dReal(), e.dFake(), e.imagesPerSecond(), e.discriminatorLoss(), e.discriminatorLoss(),
                e.generatorLoss(), e.generatorLoss());
    }
}
