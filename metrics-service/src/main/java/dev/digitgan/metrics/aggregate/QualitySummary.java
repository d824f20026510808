package dev.digitgan.metrics.aggregate;

import java.util.List;

/**
 * A run's quality history as served by {@code GET /runs/{runId}/quality}.
 *
 * @param checkpoints       distinct checkpoint versions published, scored or not
 * @param scoredCheckpoints versions with at least one score
 * @param series            the evaluator and N of {@code latest} and {@code best} (the series that scored the most
 *                          versions); null before the first score
 * @param latest            the newest checkpoint scored in {@code series}: what the {@code gan_quality_*} gauges show
 * @param best              the lowest Fréchet distance in {@code series} so far
 * @param versions          every checkpoint version, oldest first, with all of its scores
 * @param finalScore        the run's last weights scored when it finished (the FINISHED status's, normally on
 *                          N = 10,000, so not comparable with the checkpoints' N), filed under the last checkpoint
 *                          version; null before that
 */
public record QualitySummary(
        long checkpoints,
        long scoredCheckpoints,
        ScoreSeries series,
        ScoredCheckpoint latest,
        ScoredCheckpoint best,
        List<CheckpointQuality> versions,
        ScoredCheckpoint finalScore) {
}
