package dev.digitgan.model.quality;

import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians, {@code |μ1 - μ2|² + Tr(Σ1 + Σ2 - 2 (Σ1 Σ2)^½)}, as in FID
 * (Heusel et al. 2017) but on the evaluator's own features.
 *
 * <p>{@code Tr((Σ1 Σ2)^½)} is computed as {@code Tr((Σ1^½ Σ2 Σ1^½)^½)} (the two matrices are similar), so both
 * square roots are of symmetric positive semi-definite matrices and come from Hipparchus's symmetric
 * eigendecomposition. Its {@code getSquareRoot} insists on positive definiteness, so each matrix gets a ridge of
 * {@value #RIDGE} times its mean eigenvalue: round-off is ~1e-16 of the largest eigenvalue, and the ridge moves the
 * distance by at most ~1e-5 times the features' scale per degenerate direction (samples fewer than features, a
 * collapsed generator).
 */
final class FrechetDistance {

    static final double RIDGE = 1e-10;

    private final FeatureGaussian reference;
    private final RealMatrix referenceCovariance;
    private final RealMatrix referenceRoot;

    /** Precomputes the reference's square root once, for many {@link #to} calls. */
    FrechetDistance(FeatureGaussian reference) {
        this.reference = reference;
        this.referenceCovariance = matrix(reference);
        this.referenceRoot = symmetricSquareRoot(referenceCovariance);
    }

    /** Distance from {@code sample} to the reference; never negative (round-off is clamped at 0). */
    double to(FeatureGaussian sample) {
        if (sample.dimension() != reference.dimension()) {
            throw new IllegalArgumentException("sample has " + sample.dimension() + " features, the reference "
                    + reference.dimension());
        }
        double meanTerm = 0;
        for (int d = 0; d < reference.dimension(); d++) {
            double diff = sample.mean()[d] - reference.mean()[d];
            meanTerm += diff * diff;
        }
        RealMatrix covariance = matrix(sample);
        RealMatrix product = referenceRoot.multiply(covariance).multiply(referenceRoot);
        // symmetric up to round-off; make it exactly so for the symmetric decomposition
        RealMatrix symmetric = product.add(product.transpose()).scalarMultiply(0.5);
        double crossTerm = symmetricSquareRoot(symmetric).getTrace();
        double distance = meanTerm + referenceCovariance.getTrace() + covariance.getTrace() - 2 * crossTerm;
        return Math.max(0, distance);
    }

    private static RealMatrix matrix(FeatureGaussian gaussian) {
        int d = gaussian.dimension();
        double[][] rows = new double[d][];
        for (int r = 0; r < d; r++) {
            rows[r] = Arrays.copyOfRange(gaussian.covariance(), r * d, (r + 1) * d);
        }
        return MatrixUtils.createRealMatrix(rows);
    }

    private static RealMatrix symmetricSquareRoot(RealMatrix psd) {
        int d = psd.getRowDimension();
        double ridge = RIDGE * Math.max(psd.getTrace() / d, 0) + Double.MIN_NORMAL;
        RealMatrix regularised = psd.add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(ridge));
        return new EigenDecompositionSymmetric(regularised).getSquareRoot();
    }
}
