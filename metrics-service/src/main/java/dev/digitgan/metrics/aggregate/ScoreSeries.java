package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.quality.QualityScores;
import java.util.Comparator;

/**
 * Scores measured the same way (same evaluator, same number of samples N), and so comparable with each other: the
 * Fréchet distance in particular is biased upwards at small N, so a run's per-checkpoint scores and its final
 * 10,000-sample score are two series, never one curve.
 */
public record ScoreSeries(String evaluator, int samples) {

    /** Smaller N first, then by evaluator: the order ties are broken in (see {@link QualityHistory}). */
    public static final Comparator<ScoreSeries> ORDER =
            Comparator.comparingInt(ScoreSeries::samples).thenComparing(ScoreSeries::evaluator);

    public static ScoreSeries of(QualityScores scores) {
        return new ScoreSeries(scores.evaluator(), scores.samples());
    }
}
