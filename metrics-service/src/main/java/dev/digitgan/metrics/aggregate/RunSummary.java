package dev.digitgan.metrics.aggregate;

import java.time.Instant;

/**
 * What is known about one run. Values not known yet (no loss event, no status, no checkpoint) are null.
 *
 * @param state                    the run's latest reported state (RunStatus), null if none seen
 * @param lossEvents               distinct steps counted
 * @param duplicateLossEvents      loss events dropped because their step was already counted
 * @param completedEpoch           the last epoch known to be complete
 * @param latestCheckpointVersion  greatest checkpoint version published
 * @param scoredCheckpoints        checkpoint versions that carry at least one quality score
 * @param quality                  the newest scored checkpoint's scores, as the {@code gan_quality_*} gauges show
 *                                 them; null before the first score
 */
public record RunSummary(
        String runId,
        String state,
        String preset,
        Integer plannedEpochs,
        Long totalSteps,
        Long step,
        Integer epoch,
        Integer completedEpoch,
        Double discriminatorLoss,
        Double generatorLoss,
        Double dReal,
        Double dFake,
        Double imagesPerSecond,
        Double discriminatorLossMovingAverage,
        Double generatorLossMovingAverage,
        long lossEvents,
        long duplicateLossEvents,
        long checkpoints,
        Long latestCheckpointVersion,
        long scoredCheckpoints,
        ScoredCheckpoint quality,
        Instant lastLossTime) {
}
