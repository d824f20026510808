package dev.digitgan.model.train;

import dev.digitgan.model.quality.QualityScores;

/**
 * Scores a generator the way every checkpoint of every run is scored, so that the scores compare: the project's
 * evaluator ({@code dev.digitgan.model.quality.QualityEvaluator}) on a fixed evaluation z. An interface here so
 * that the training loop does not load the evaluator when a caller scores nothing.
 */
@FunctionalInterface
public interface CheckpointScorer {

    /** A loop that scores nothing: checkpoints carry no scores. */
    CheckpointScorer NONE = (generator, samples) -> null;

    /**
     * @param generator the generator at the checkpoint (inference mode; the training thread is waiting)
     * @param samples   N, how many digits to score
     * @return the scores, or null if this scorer scores nothing
     */
    QualityScores score(Generator generator, int samples);
}
