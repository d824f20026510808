package dev.digitgan.model.quality;

/**
 * The label-based scores of one set of classified samples.
 *
 * @param inceptionScore exp(mean KL(p(y|x) ‖ p(y))), p(y) the mean of the samples' class probabilities
 * @param entropyBits    entropy of the histogram of most-probable classes, in bits
 * @param accuracy       share whose most probable class is the requested label; null without requested labels
 */
record LabelStatistics(double inceptionScore, double entropyBits, Double accuracy) {

    static LabelStatistics of(MnistClassifier.Classified classified, int[] requestedLabels) {
        int n = classified.n();
        int classes = ClassifierNetwork.CLASSES;
        float[] p = classified.probabilities();
        double[] marginal = new double[classes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                marginal[c] += p[i * classes + c];
            }
        }
        for (int c = 0; c < classes; c++) {
            marginal[c] /= n;
        }
        double kl = 0;
        int[] histogram = new int[classes];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double v = p[i * classes + c];
                if (v > 0) {
                    kl += v * Math.log(v / marginal[c]);
                }
            }
            int predicted = classified.predicted(i);
            histogram[predicted]++;
            if (requestedLabels != null) {
                int requested = requestedLabels[i];
                if (requested < 0 || requested >= classes) {
                    throw new IllegalArgumentException("requested label " + requested + " of sample " + i
                            + " is outside 0.." + (classes - 1));
                }
                if (predicted == requested) {
                    correct++;
                }
            }
        }
        // KL is >= 0 in exact arithmetic; clamp round-off so the score stays in [1, 10]
        double inception = Math.min(classes, Math.exp(Math.max(0, kl / n)));
        double entropy = 0;
        for (int count : histogram) {
            if (count > 0) {
                double share = count / (double) n;
                entropy -= share * Math.log(share) / Math.log(2);
            }
        }
        return new LabelStatistics(inception, Math.max(0, entropy),
                requestedLabels == null ? null : correct / (double) n);
    }
}
