package dev.digitgan.metrics.aggregate;

import java.time.Instant;

/**
 * One epoch of one run as aggregated so far.
 *
 * @param complete        true once a later epoch has started or the run reported FINISHED
 * @param steps           distinct steps counted in this epoch
 * @param durationSeconds time between the first and the last event of the epoch
 */
public record EpochSummary(
        int epoch,
        boolean complete,
        long steps,
        long firstStep,
        long lastStep,
        Instant firstTime,
        Instant lastTime,
        double durationSeconds,
        Stat discriminatorLoss,
        Stat generatorLoss,
        Stat dReal,
        Stat dFake,
        Stat imagesPerSecond) {
}
