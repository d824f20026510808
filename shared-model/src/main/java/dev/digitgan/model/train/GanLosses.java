package dev.digitgan.model.train;

/**
 * The seed's loss readings, computed from D's output probabilities (batch means):
 * D loss = mean(−log(D(x)+ε)) + mean(−log(1−D(G(z))+ε)), G loss = mean(−log(D(G(z))+ε)).
 *
 * <p>These are the numbers reported and charted. DL4J optimises the same binary cross-entropy (its XENT clips
 * probabilities instead of adding ε), so the two agree except where D is saturated.
 */
public final class GanLosses {

    /** Keeps the logarithms finite when D saturates. */
    public static final double EPSILON = 1e-8;

    private GanLosses() {
    }

    public static double discriminator(float[] realProbabilities, float[] fakeProbabilities) {
        return meanNegLog(realProbabilities, false) + meanNegLog(fakeProbabilities, true);
    }

    public static double generator(float[] fakeProbabilities) {
        return meanNegLog(fakeProbabilities, false);
    }

    public static double mean(float[] values) {
        requireNonEmpty(values);
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double meanNegLog(float[] p, boolean complement) {
        requireNonEmpty(p);
        double sum = 0;
        for (float v : p) {
            sum -= Math.log((complement ? 1.0 - v : v) + EPSILON);
        }
        return sum / p.length;
    }

    private static void requireNonEmpty(float[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("need at least one probability");
        }
    }
}
