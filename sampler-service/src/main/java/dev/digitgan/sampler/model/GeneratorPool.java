package dev.digitgan.sampler.model;

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
 */
public final class GeneratorPool {

    public static final int PIXELS = 28 * 28;

    private final BlockingQueue<MultiLayerNetwork> idle;
    private final int latentSize;
    private final int size;
    private final DataType dataType;

    /** Takes ownership of {@code generator}; makes {@code copies - 1} clones of it. */
    public GeneratorPool(MultiLayerNetwork generator, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        }
        this.latentSize = generator.layerInputSize(0);
        if (latentSize < 1) {
            throw new IllegalArgumentException("generator's first layer has no input size");
        }
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

    public int size() {
        return size;
    }

    /**
     * Runs the generator on {@code count} latent rows ({@code count * latentSize} values) and returns
     * {@code count} 28x28 images, row-major, in the generator's range (tanh: [-1, 1]).
     *
     * @throws IllegalStateException when the network's output is not {@code count} images of 28x28
     */
    public float[] generate(float[] z, int count) {
        if (z.length != count * latentSize) {
            throw new IllegalArgumentException("expected " + count + " x " + latentSize + " latent values, got "
                    + z.length);
        }
        MultiLayerNetwork net;
        try {
            net = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a generator", e);
        }
        try {
            INDArray input = Nd4j.create(z).reshape(new long[] {count, latentSize}).castTo(dataType);
            INDArray out = net.output(input, false);
            if (out.size(0) != count || out.length() != (long) count * PIXELS) {
                throw new IllegalStateException("generator output has shape " + java.util.Arrays.toString(out.shape())
                        + ", expected " + count + " images of " + PIXELS + " pixels");
            }
            // A fresh c-order copy owns a buffer of exactly its length: row-major whatever the
            // output's layout ([n,784] or [n,1,28,28]). (ND4J's reshape/ravel with an order char
            // resolve to the long... overload and treat 'c' as a dimension of 99.)
            return out.castTo(DataType.FLOAT).dup('c').data().asFloat();
        } finally {
            idle.add(net);
        }
    }
}
