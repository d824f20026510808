package dev.digitgan.model.quality;

import java.util.Locale;

/**
 * How good a set of generated digits is, as the project's evaluator ({@code QualityEvaluator} in shared-model,
 * README "Quality") measures it. Plain data, DL4J-free: it travels in checkpoint events and manifests.
 *
 * @param frechetDistance  Fréchet distance between the evaluator classifier's features of the samples and of the
 *                         MNIST test set; 0 is the test set itself, lower is better. Depends on {@code samples}
 *                         (it is biased upwards at small N): compare only scores with the same N and evaluator
 * @param inceptionScore   exp(E[KL(p(y|x) ‖ p(y))]) under the evaluator's classifier: 1 (one class, or no
 *                         confident class) to 10 (confident and evenly spread); higher is better
 * @param labelEntropyBits entropy of the histogram of predicted labels, 0 (one class) to log2(10) ≈ 3.32 (all ten
 *                         equally often)
 * @param labelAccuracy    for a conditional generator, the share of samples classified as the label asked for;
 *                         {@code null} for an unconditional one
 * @param samples          N, the number of generated digits scored
 * @param evaluator        which classifier and reference statistics measured it ({@code QualityEvaluator.id()},
 *                         e.g. {@code mnist-cnn-} and the first 12 hex digits of the weights' SHA-256); scores of
 *                         different evaluators are not comparable
 */
public record QualityScores(double frechetDistance, double inceptionScore, double labelEntropyBits,
        Double labelAccuracy, int samples, String evaluator) {

    /** log2(10): the label entropy of ten equally frequent classes. */
    public static final double MAX_LABEL_ENTROPY_BITS = Math.log(10) / Math.log(2);
    private static final double TOLERANCE = 1e-9;

    public QualityScores {
        if (!(frechetDistance >= 0) || Double.isInfinite(frechetDistance)) {
            throw new IllegalArgumentException("frechetDistance must be finite and >= 0, got " + frechetDistance);
        }
        if (!(inceptionScore >= 1 - TOLERANCE && inceptionScore <= 10 + TOLERANCE)) {
            throw new IllegalArgumentException("inceptionScore must be in [1, 10], got " + inceptionScore);
        }
        if (!(labelEntropyBits >= -TOLERANCE && labelEntropyBits <= MAX_LABEL_ENTROPY_BITS + TOLERANCE)) {
            throw new IllegalArgumentException("labelEntropyBits must be in [0, log2 10], got " + labelEntropyBits);
        }
        if (labelAccuracy != null && !(labelAccuracy >= 0 && labelAccuracy <= 1)) {
            throw new IllegalArgumentException("labelAccuracy must be in [0, 1] or null, got " + labelAccuracy);
        }
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be >= 2, got " + samples);
        }
        if (evaluator == null || evaluator.isBlank()) {
            throw new IllegalArgumentException("evaluator must name the evaluator that measured the scores");
        }
    }

    /** One line for logs and consoles, e.g. {@code FD 12.31, IS 7.25, label entropy 3.20 bits (N = 2,000)}. */
    public String summary() {
        String accuracy = labelAccuracy == null ? ""
                : String.format(Locale.ROOT, ", label accuracy %.1f %%", 100 * labelAccuracy);
        return String.format(Locale.ROOT, "FD %.2f, IS %.2f, label entropy %.2f bits%s (N = %,d)", frechetDistance,
                inceptionScore, labelEntropyBits, accuracy, samples);
    }

    /** Whether the scores came from a conditional generator (labels were asked for). */
    public boolean conditional() {
        return labelAccuracy != null;
    }

    /** Whether the two were measured the same way (same evaluator, same N), so their figures can be compared. */
    public boolean comparableWith(QualityScores other) {
        return evaluator.equals(other.evaluator) && samples == other.samples;
    }
}
