package dev.digitgan.model.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded standard-normal z vectors. Draw {@code index} of a source is a pure function of (seed, index), so any
 * draw can be repeated without replaying the ones before it (resuming, fixed sample grids). Generated in Java, not
 * by ND4J's RNG, so the same seed gives the same z on every backend.
 */
public final class LatentSource {

    private final int latentSize;
    private final long seed;

    public LatentSource(int latentSize, long seed) {
        if (latentSize <= 0) {
            throw new IllegalArgumentException("latentSize must be > 0, got " + latentSize);
        }
        this.latentSize = latentSize;
        this.seed = seed;
    }

    public int latentSize() {
        return latentSize;
    }

    /** {@code count} z rows, row-major ({@code count * latentSize} values). */
    public float[] sample(long index, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, got " + count);
        }
        SplittableRandom random = new SplittableRandom(SeedMix.of(seed, SeedMix.LATENT, index));
        float[] z = new float[Math.multiplyExact(count, latentSize)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return z;
    }

    /** The same draw as {@link #sample} as a {@code [count, latentSize]} array. */
    public INDArray sampleArray(long index, int count) {
        return Nd4j.create(sample(index, count), new long[] {count, latentSize}, 'c');
    }
}
