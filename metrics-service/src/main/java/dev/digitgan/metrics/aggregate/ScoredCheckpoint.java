package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.quality.QualityScores;
import java.time.Instant;

/** One score of one checkpoint: where in the run it was taken, and what the evaluator said. */
public record ScoredCheckpoint(long version, int epoch, long step, Instant createdAt, QualityScores scores) {
}
