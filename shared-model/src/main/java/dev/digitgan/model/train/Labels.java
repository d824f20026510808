package dev.digitgan.model.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The labels a conditional GAN generates for: seeded uniform digits for training (draw {@code index} a pure
 * function of (seed, index), like {@link LatentSource}, so resumed runs draw the same), a balanced cycle for
 * evaluation and sample grids, and G's input rows {@code [z | onehot(label)]}.
 */
public final class Labels {

    private Labels() {
    }

    /** {@code count} labels in 0..classes-1, uniform, from (seed, index). */
    public static int[] draw(long seed, long index, int count, int classes) {
        SplittableRandom random = new SplittableRandom(SeedMix.of(seed, SeedMix.LABEL, index));
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    /** 0, 1, ..., classes-1, 0, 1, ...: every class equally often (to within one) in any {@code count}. */
    public static int[] cycle(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /**
     * G's input for {@code n} rows: each row's {@code latentSize} z values followed by {@code classes} one-hot
     * values ({@code classes} = 0: z alone).
     *
     * @param labels one per row, in 0..classes-1; ignored (may be null) when {@code classes} is 0
     */
    public static INDArray generatorInput(float[] z, int[] labels, int n, int latentSize, int classes) {
        if (z.length != (long) n * latentSize) {
            throw new IllegalArgumentException("need " + (long) n * latentSize + " z values, got " + z.length);
        }
        if (classes == 0) {
            return Nd4j.create(z, new long[] {n, latentSize}, 'c');
        }
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("a conditional generator needs one label per row (" + n + "), got "
                    + (labels == null ? "none" : labels.length));
        }
        int width = latentSize + classes;
        float[] rows = new float[n * width];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside 0.."
                        + (classes - 1));
            }
            System.arraycopy(z, i * latentSize, rows, i * width, latentSize);
            rows[i * width + latentSize + labels[i]] = 1f;
        }
        return Nd4j.create(rows, new long[] {n, width}, 'c');
    }

    /**
     * {@code [rows, 1 + classes]} AC-GAN targets, one block per (realness, labels) pair in order: column 0 the
     * real/fake target, then the one-hot label of the row.
     */
    static INDArray targets(int classes, float[] realness, int[]... labels) {
        int rows = 0;
        for (int[] block : labels) {
            rows += block.length;
        }
        int width = 1 + classes;
        float[] values = new float[rows * width];
        int row = 0;
        for (int b = 0; b < labels.length; b++) {
            for (int label : labels[b]) {
                values[row * width] = realness[b];
                values[row * width + 1 + label] = 1f;
                row++;
            }
        }
        return Nd4j.create(values, new long[] {rows, width}, 'c');
    }
}
