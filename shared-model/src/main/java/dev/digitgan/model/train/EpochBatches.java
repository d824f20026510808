package dev.digitgan.model.train;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of a dataset, reshuffled every epoch with a seed derived from (seed, epoch), so epoch {@code e}
 * visits the images in the same order in every run and after a resume. An epoch is {@code size / batchSize} full
 * batches; the remainder (96 images of MNIST's 60,000 at batch 256) is left out of that epoch so every step has the
 * same batch size, and lands in other epochs' batches through the shuffle.
 *
 * <p>The batch array is reused: it is valid until the iterator's next {@code next()}.
 */
public final class EpochBatches {

    private final MnistDataset data;
    private final int batchSize;
    private final long seed;
    private final INDArray batch;
    private final int[] batchLabels;

    public EpochBatches(MnistDataset data, int batchSize, long seed) {
        if (data.pixels() != GanSpec.IMAGE_PIXELS) {
            throw new IllegalArgumentException("images must be " + GanSpec.IMAGE_SIDE + "x" + GanSpec.IMAGE_SIDE
                    + ", got " + data.rows() + "x" + data.cols());
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (data.size() < batchSize) {
            throw new IllegalArgumentException("the dataset has " + data.size() + " images, fewer than one batch of "
                    + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batch = Nd4j.create(DataType.FLOAT, batchSize, GanSpec.IMAGE_PIXELS);
        this.batchLabels = new int[batchSize];
    }

    /**
     * The digits of the batch an epoch iterator returned last, row by row (reused like the batch array: valid
     * until the next {@code next()}).
     */
    public int[] labels() {
        return batchLabels;
    }

    public int batchSize() {
        return batchSize;
    }

    public int stepsPerEpoch() {
        return data.size() / batchSize;
    }

    /** The order in which epoch {@code epoch} (0-based) visits the images: a seeded Fisher–Yates shuffle. */
    public int[] order(int epoch) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SeedMix.of(seed, SeedMix.SHUFFLE, epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The batches of epoch {@code epoch} (0-based), starting at batch {@code firstBatch} (for resuming). */
    public Iterator<INDArray> epoch(int epoch, int firstBatch) {
        if (firstBatch < 0 || firstBatch > stepsPerEpoch()) {
            throw new IllegalArgumentException("first batch " + firstBatch + " outside 0.." + stepsPerEpoch());
        }
        int[] order = order(epoch);
        return new Iterator<>() {
            private int next = firstBatch;

            @Override
            public boolean hasNext() {
                return next < stepsPerEpoch();
            }

            @Override
            public INDArray next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + stepsPerEpoch() + " batches");
                }
                fill(order, next++);
                return batch;
            }
        };
    }

    /** Copies the images of one batch straight into the batch array's native memory, one row per bulk put. */
    private void fill(int[] order, int batchIndex) {
        int pixels = GanSpec.IMAGE_PIXELS;
        FloatBuffer target = batch.data().asNioFloat();
        float[] images = data.images();
        byte[] labels = data.labels();
        for (int row = 0; row < batchSize; row++) {
            int image = order[batchIndex * batchSize + row];
            target.position(row * pixels);
            target.put(images, image * pixels, pixels);
            batchLabels[row] = labels[image];
        }
    }
}
