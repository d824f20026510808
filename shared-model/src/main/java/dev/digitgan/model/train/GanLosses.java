package dev.digitgan.model.train;

import dev.digitgan.model.spec.AdversarialLoss;

/**
 * The loss readings, computed from D's outputs (batch means). For {@link AdversarialLoss#CROSS_ENTROPY}, the seed's:
 * D loss = mean(−log(D(x)+ε)) + mean(−log(1−D(G(z))+ε)), G loss = mean(−log(D(G(z))+ε)), D's outputs being
 * probabilities. For {@link AdversarialLoss#LEAST_SQUARES}, what that loss minimises, on D's plain scores:
 * D loss = mean((D(x)−1)²) + mean(D(G(z))²), G loss = mean((D(G(z))−1)²).
 *
 * <p>These are the numbers reported and charted. DL4J optimises the same binary cross-entropy (its XENT clips
 * probabilities instead of adding ε), so the two agree except where D is saturated. The readings use the
 * unsmoothed real target, whatever the spec's label smoothing.
 */
public final class GanLosses {

    /** Keeps the logarithms finite when D saturates. */
    public static final double EPSILON = 1e-8;

    private GanLosses() {
    }

    public static double discriminator(AdversarialLoss loss, float[] real, float[] fake) {
        return loss == AdversarialLoss.LEAST_SQUARES ? meanSquaredDistance(real, 1) + meanSquaredDistance(fake, 0)
                : discriminator(real, fake);
    }

    public static double generator(AdversarialLoss loss, float[] generated) {
        return loss == AdversarialLoss.LEAST_SQUARES ? meanSquaredDistance(generated, 1) : generator(generated);
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

    private static double meanSquaredDistance(float[] scores, double target) {
        requireNonEmpty(scores);
        double sum = 0;
        for (float v : scores) {
            sum += (v - target) * (v - target);
        }
        return sum / scores.length;
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
