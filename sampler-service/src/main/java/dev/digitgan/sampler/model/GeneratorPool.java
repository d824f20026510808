package dev.digitgan.sampler.model;

import dev.digitgan.model.nets.GeneratorOutput;
import dev.digitgan.model.train.Labels;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Independent copies of one generator, one per worker: DL4J networks keep per-call state (inputs,
 * workspaces) and must not be shared between threads, so a request borrows a copy for its forward
 * pass and gives it back. Immutable apart from the queue, so a pool lives exactly as long as the
 * {@link LoadedModel} that owns it: requests that borrowed from an old pool finish on it after a swap.
 *
 * <p>A conditional generator ({@code classes} > 0, from its checkpoint's spec) takes each row as z followed by the
 * one-hot of the digit to draw ({@link Labels#generatorInput}); an unconditional one takes z alone.
 */
public final class GeneratorPool {

    public static final int PIXELS = 28 * 28;

    private final BlockingQueue<MultiLayerNetwork> idle;
    private final int latentSize;
    private final int classes;
    private final int size;
    private final DataType dataType;

    /** An unconditional generator: its whole input is z. */
    public GeneratorPool(MultiLayerNetwork generator, int copies) {
        this(generator, copies, 0);
    }

    /**
     * Takes ownership of {@code generator}; makes {@code copies - 1} clones of it.
     *
     * @param classes labels the generator draws for (0: unconditional); its input is z and then that many one-hot
     *                values
     */
    public GeneratorPool(MultiLayerNetwork generator, int copies, int classes) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be >= 0, got " + classes);
        }
        int inputs = generator.layerInputSize(0);
        if (inputs < 1) {
            throw new IllegalArgumentException("generator's first layer has no input size");
        }
        this.latentSize = inputs - classes;
        if (latentSize < 1) {
            throw new IllegalArgumentException("a generator with " + inputs + " inputs cannot take " + classes
                    + " classes");
        }
        this.classes = classes;
        this.size = copies;
        this.dataType = generator.params().dataType();
        this.idle = new ArrayBlockingQueue<>(copies);
        idle.add(generator);
        for (int i = 1; i < copies; i++) {
            idle.add(generator.clone());
        }
    }

    public int latentSize() {
        return latentSize;
    }

    /** Labels it draws for: 0 for an unconditional generator, 10 (the digits) for a conditional one. */
    public int classes() {
        return classes;
    }

    public boolean conditional() {
        return classes > 0;
    }

    public int size() {
        return size;
    }

    /**
     * Runs an unconditional generator on {@code count} latent rows ({@code count * latentSize} values) and returns
     * {@code count} 28x28 images, row-major, in the generator's range (tanh: [-1, 1]).
     *
     * @throws IllegalArgumentException for a conditional generator (it needs labels)
     * @throws IllegalStateException    when the network's output is not {@code count} images of 28x28
     */
    public float[] generate(float[] z, int count) {
        return generate(z, null, count);
    }

    /**
     * As {@link #generate(float[], int)}, drawing digit {@code labels[i]} in image {@code i}.
     *
     * @param labels one digit per image (0..classes-1) for a conditional generator; null for an unconditional one
     */
    public float[] generate(float[] z, int[] labels, int count) {
        checkLatents(z, count);
        if (conditional() != (labels != null)) {
            throw new IllegalArgumentException(conditional() ? "a conditional generator needs a label per image"
                    : "an unconditional generator takes no labels");
        }
        return run(Labels.generatorInput(z, labels, count, latentSize, classes), count);
    }

    /**
     * A conditional generator on label mixtures: row {@code i} of {@code classWeights} ({@code classes} values) is
     * joined to z in place of a one-hot, so a walk can pass from one digit to another. Weights are not checked:
     * they are the caller's blends of one-hots.
     */
    public float[] generateBlended(float[] z, float[] classWeights, int count) {
        checkLatents(z, count);
        if (!conditional() || classWeights.length != count * classes) {
            throw new IllegalArgumentException("expected " + count + " x " + classes + " class weights for a "
                    + (conditional() ? "" : "non-") + "conditional generator, got " + classWeights.length);
        }
        int width = latentSize + classes;
        float[] rows = new float[count * width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(z, i * latentSize, rows, i * width, latentSize);
            System.arraycopy(classWeights, i * classes, rows, i * width + latentSize, classes);
        }
        return run(Nd4j.create(rows, new long[] {count, width}, 'c'), count);
    }

    private void checkLatents(float[] z, int count) {
        if (z.length != count * latentSize) {
            throw new IllegalArgumentException("expected " + count + " x " + latentSize + " latent values, got "
                    + z.length);
        }
    }

    private float[] run(INDArray rows, int count) {
        MultiLayerNetwork net;
        try {
            net = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a generator", e);
        }
        try {
            // row-major whatever the output's layout ([n,784] or [n,1,28,28])
            float[] images = GeneratorOutput.images(net, rows.castTo(dataType));
            if (images.length != (long) count * PIXELS) {
                throw new IllegalStateException("generator output has " + images.length + " values, expected "
                        + count + " images of " + PIXELS + " pixels");
            }
            return images;
        } finally {
            idle.add(net);
        }
    }
}
