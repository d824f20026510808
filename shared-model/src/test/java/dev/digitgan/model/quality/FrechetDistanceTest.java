package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms: diagonal (and jointly rotated) covariances, degenerate samples. */
class FrechetDistanceTest {

    private static final int D = 12;

    @Test
    void aGaussianIsAtDistanceZeroFromItself() {
        FeatureGaussian a = random(1);
        assertThat(new FrechetDistance(a).to(a)).isCloseTo(0, within(1e-8));
    }

    @Test
    void diagonalCovariancesGiveTheSumOfSquaredMeanAndStandardDeviationDifferences() {
        double[] mean1 = new double[D];
        double[] mean2 = new double[D];
        double[] var1 = new double[D];
        double[] var2 = new double[D];
        SplittableRandom random = new SplittableRandom(2);
        double expected = 0;
        for (int d = 0; d < D; d++) {
            mean1[d] = random.nextDouble(-1, 1);
            mean2[d] = random.nextDouble(-1, 1);
            var1[d] = random.nextDouble(0.1, 4);
            var2[d] = random.nextDouble(0.1, 4);
            expected += Math.pow(mean1[d] - mean2[d], 2) + Math.pow(Math.sqrt(var1[d]) - Math.sqrt(var2[d]), 2);
        }
        FeatureGaussian a = gaussian(mean1, MatrixUtils.createRealDiagonalMatrix(var1));
        FeatureGaussian b = gaussian(mean2, MatrixUtils.createRealDiagonalMatrix(var2));
        // not exact: the ridge FrechetDistance adds before each square root moves it by ~1e-9 here
        assertThat(new FrechetDistance(a).to(b)).isCloseTo(expected, within(1e-7));

        // the same pair in a rotated basis (covariances still commute): the distance is basis-independent
        RealMatrix q = new QRDecomposition(randomMatrix(3)).getQ();
        FeatureGaussian ra = gaussian(q.operate(mean1), q.multiply(MatrixUtils.createRealDiagonalMatrix(var1))
                .multiply(q.transpose()));
        FeatureGaussian rb = gaussian(q.operate(mean2), q.multiply(MatrixUtils.createRealDiagonalMatrix(var2))
                .multiply(q.transpose()));
        assertThat(new FrechetDistance(ra).to(rb)).isCloseTo(expected, within(1e-7));
    }

    @Test
    void isSymmetricForGeneralCovariances() {
        FeatureGaussian a = random(4);
        FeatureGaussian b = random(5);
        double ab = new FrechetDistance(a).to(b);
        assertThat(ab).isGreaterThan(0.1);
        assertThat(new FrechetDistance(b).to(a)).isCloseTo(ab, within(1e-8 * ab));
    }

    @Test
    void aCollapsedSampleIsAtTheReferenceTracePlusTheMeanShift() {
        FeatureGaussian reference = random(6);
        double[] point = new double[D];
        point[0] = 2;
        FeatureGaussian collapsed = gaussian(point, MatrixUtils.createRealMatrix(D, D));
        double expected = 0;
        for (int d = 0; d < D; d++) {
            expected += Math.pow(point[d] - reference.mean()[d], 2) + reference.covariance()[d * D + d];
        }
        assertThat(new FrechetDistance(reference).to(collapsed)).isCloseTo(expected, within(1e-4));
    }

    @Test
    void fewerSamplesThanFeaturesStillGiveAFiniteDistance() {
        FeatureGaussian reference = random(7);
        float[] three = new float[3 * D];
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < three.length; i++) {
            three[i] = (float) random.nextGaussian();
        }
        double distance = new FrechetDistance(reference).to(FeatureGaussian.of(three, 3, D));
        assertThat(distance).isFinite().isPositive();
    }

    @Test
    void refusesADifferentDimension() {
        FeatureGaussian small = gaussian(new double[2], MatrixUtils.createRealIdentityMatrix(2));
        assertThatThrownBy(() -> new FrechetDistance(random(9)).to(small))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 features");
    }

    /** A Gaussian estimated from 500 correlated random vectors. */
    private static FeatureGaussian random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RealMatrix mix = randomMatrix(seed + 100);
        float[] vectors = new float[500 * D];
        for (int i = 0; i < 500; i++) {
            double[] z = new double[D];
            for (int d = 0; d < D; d++) {
                z[d] = random.nextGaussian();
            }
            double[] x = mix.operate(z);
            for (int d = 0; d < D; d++) {
                vectors[i * D + d] = (float) (x[d] + seed * 0.1);
            }
        }
        return FeatureGaussian.of(vectors, 500, D);
    }

    private static RealMatrix randomMatrix(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RealMatrix m = MatrixUtils.createRealMatrix(D, D);
        for (int r = 0; r < D; r++) {
            for (int c = 0; c < D; c++) {
                m.setEntry(r, c, random.nextGaussian());
            }
        }
        return m;
    }

    private static FeatureGaussian gaussian(double[] mean, RealMatrix covariance) {
        int d = mean.length;
        double[] flat = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                flat[r * d + c] = covariance.getEntry(r, c);
            }
        }
        return new FeatureGaussian(1_000, mean, flat);
    }
}
