package dev.digitgan.model.quality;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Mean and covariance of a set of feature vectors: the Gaussian the Fréchet distance compares.
 *
 * @param count      how many vectors it was estimated from
 * @param mean       {@code dimension} values
 * @param covariance {@code dimension x dimension}, row-major, unbiased ({@code count - 1} in the denominator)
 */
record FeatureGaussian(long count, double[] mean, double[] covariance) {

    /** Encoded: int dimension, long count, the mean, the covariance, all little-endian (float64 values). */
    private static final int HEADER = Integer.BYTES + Long.BYTES;

    FeatureGaussian {
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 vectors, got " + count);
        }
        if (mean.length == 0 || covariance.length != mean.length * mean.length) {
            throw new IllegalArgumentException("mean of " + mean.length + " values needs a " + mean.length + "x"
                    + mean.length + " covariance, got " + covariance.length + " values");
        }
    }

    int dimension() {
        return mean.length;
    }

    /**
     * Estimates the Gaussian of {@code count} vectors of {@code dimension} values stored row after row in
     * {@code vectors}. Two passes (mean, then centred products) in double precision.
     */
    static FeatureGaussian of(float[] vectors, int count, int dimension) {
        if (vectors.length != (long) count * dimension) {
            throw new IllegalArgumentException("expected " + (long) count * dimension + " values for " + count
                    + " vectors of " + dimension + ", got " + vectors.length);
        }
        double[] mean = new double[dimension];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += vectors[i * dimension + d];
            }
        }
        for (int d = 0; d < dimension; d++) {
            mean[d] /= count;
        }
        double[] covariance = new double[dimension * dimension];
        double[] centred = new double[dimension];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < dimension; d++) {
                centred[d] = vectors[i * dimension + d] - mean[d];
            }
            for (int r = 0; r < dimension; r++) {
                double cr = centred[r];
                int row = r * dimension;
                for (int c = r; c < dimension; c++) {
                    covariance[row + c] += cr * centred[c];
                }
            }
        }
        for (int r = 0; r < dimension; r++) {
            for (int c = r; c < dimension; c++) {
                double v = covariance[r * dimension + c] / (count - 1);
                covariance[r * dimension + c] = v;
                covariance[c * dimension + r] = v;
            }
        }
        return new FeatureGaussian(count, mean, covariance);
    }

    byte[] encode() {
        int d = dimension();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + (d + d * d) * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(d).putLong(count);
        buffer.asDoubleBuffer().put(mean).put(covariance);
        return buffer.array();
    }

    static FeatureGaussian decode(byte[] bytes, int expectedDimension) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long values = expectedDimension + (long) expectedDimension * expectedDimension;
        long expectedLength = HEADER + values * Double.BYTES;
        if (bytes.length != expectedLength) {
            throw new IllegalArgumentException("feature statistics have " + bytes.length + " bytes; "
                    + expectedDimension + " features need " + expectedLength);
        }
        int d = buffer.getInt();
        if (d != expectedDimension) {
            throw new IllegalArgumentException("feature statistics are for " + d + " features, the classifier has "
                    + expectedDimension);
        }
        long count = buffer.getLong();
        double[] mean = new double[d];
        double[] covariance = new double[d * d];
        buffer.asDoubleBuffer().get(mean).get(covariance);
        return new FeatureGaussian(count, mean, covariance);
    }
}
