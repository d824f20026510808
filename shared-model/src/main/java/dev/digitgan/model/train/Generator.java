package dev.digitgan.model.train;

import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained G as a function from z to images. Inference mode (batch norm uses its running statistics).
 * Not thread-safe: DL4J networks are not; use one instance per thread (or lock).
 */
public final class Generator {

    private final MultiLayerNetwork network;
    private final int latentSize;

    public Generator(MultiLayerNetwork network) {
        if (!(network.getLayerWiseConfigurations().getConf(0).getLayer() instanceof FeedForwardLayer first)) {
            throw new IllegalArgumentException("not a generator: its first layer does not take a z vector");
        }
        this.network = network;
        this.latentSize = Math.toIntExact(first.getNIn());
    }

    public int latentSize() {
        return latentSize;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * @param z {@code n * latentSize} values, row-major
     * @return {@code n * 784} pixel values in [-1, 1], image after image, each row-major
     */
    public float[] generate(float[] z, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        if (z == null || z.length != (long) n * latentSize) {
            throw new IllegalArgumentException("need " + (long) n * latentSize + " z values for " + n + " images of a "
                    + latentSize + "-dimensional latent space, got " + (z == null ? "null" : z.length));
        }
        INDArray images = network.output(Nd4j.create(z, new long[] {n, latentSize}, 'c'), false);
        // explicit long[]: INDArray.reshape('c', x) would resolve to reshape(long rows, long cols) with 'c' = 99
        return images.reshape('c', new long[] {(long) n * GanSpec.IMAGE_PIXELS}).toFloatVector();
    }

    /** {@code n} images from the z of {@code new LatentSource(latentSize, seed).sample(0, n)}. */
    public float[] generate(long seed, int n) {
        return generate(new LatentSource(latentSize, seed).sample(0, n), n);
    }
}
