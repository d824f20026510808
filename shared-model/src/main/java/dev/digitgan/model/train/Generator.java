package dev.digitgan.model.train;

import dev.digitgan.model.nets.GeneratorOutput;
import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained G as a function from z (and, for a conditional model, a digit) to images. Inference mode (batch norm
 * uses its running statistics). Not thread-safe: DL4J networks are not; use one instance per thread (or lock).
 */
public final class Generator {

    private final MultiLayerNetwork network;
    private final int latentSize;
    private final int classes;

    /** An unconditional G: its whole input is z. */
    public Generator(MultiLayerNetwork network) {
        this(network, 0);
    }

    /** A G whose input is z followed by the one-hot of one of {@code classes} labels (0: unconditional). */
    public Generator(MultiLayerNetwork network, int classes) {
        if (!(network.getLayerWiseConfigurations().getConf(0).getLayer() instanceof FeedForwardLayer first)) {
            throw new IllegalArgumentException("not a generator: its first layer does not take a z vector");
        }
        if (classes < 0 || classes >= first.getNIn()) {
            throw new IllegalArgumentException("a generator with " + first.getNIn() + " inputs cannot take "
                    + classes + " classes");
        }
        this.network = network;
        this.latentSize = Math.toIntExact(first.getNIn()) - classes;
        this.classes = classes;
    }

    /** G of a model of {@code spec} (conditional or not, as the spec says). */
    public static Generator of(MultiLayerNetwork network, GanSpec spec) {
        Generator generator = new Generator(network, spec.classes());
        if (generator.latentSize != spec.latentSize()) {
            throw new IllegalArgumentException("the network takes " + generator.latentSize + " z values, the spec "
                    + spec.latentSize());
        }
        return generator;
    }

    public int latentSize() {
        return latentSize;
    }

    /** Labels it draws for: 0 for an unconditional G, 10 (the digits) for a conditional one. */
    public int classes() {
        return classes;
    }

    public boolean conditional() {
        return classes > 0;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * @param z {@code n * latentSize} values, row-major
     * @return {@code n * 784} pixel values in [-1, 1], image after image, each row-major. A conditional G draws
     *         the digits 0, 1, ..., 9, 0, ... in turn ({@link Labels#cycle}).
     */
    public float[] generate(float[] z, int n) {
        return generate(z, conditional() ? Labels.cycle(n, classes) : null, n);
    }

    /**
     * @param labels one digit per image for a conditional G; must be null for an unconditional one
     * @throws IllegalArgumentException for labels given to an unconditional G, missing ones, or one out of range
     */
    public float[] generate(float[] z, int[] labels, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        if (z == null || z.length != (long) n * latentSize) {
            throw new IllegalArgumentException("need " + (long) n * latentSize + " z values for " + n + " images of a "
                    + latentSize + "-dimensional latent space, got " + (z == null ? "null" : z.length));
        }
        if (!conditional() && labels != null) {
            throw new IllegalArgumentException("this generator is unconditional: it cannot draw a chosen digit");
        }
        return GeneratorOutput.images(network, Labels.generatorInput(z, labels, n, latentSize, classes));
    }

    /** {@code n} images from the z of {@code new LatentSource(latentSize, seed).sample(0, n)}. */
    public float[] generate(long seed, int n) {
        return generate(new LatentSource(latentSize, seed).sample(0, n), n);
    }
}
