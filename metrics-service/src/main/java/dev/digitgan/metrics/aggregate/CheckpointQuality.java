package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.quality.QualityScores;
import java.time.Instant;
import java.util.List;

/**
 * A checkpoint version with every score it was given, one per {@link ScoreSeries} (for example its per-checkpoint
 * score and, on a run's last checkpoint, the final 10,000-sample score), smaller N first.
 *
 * @param epoch  the epoch, step and time of the first event read for this version
 * @param scores empty for a checkpoint that was not scored (a schema-v1 event, or a trainer that scores nothing)
 */
public record CheckpointQuality(long version, int epoch, long step, Instant createdAt, List<QualityScores> scores) {
}
