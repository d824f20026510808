package dev.digitgan.model.nets;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work around a dense layer's products, row by row over c-order float [rows, columns] arrays:
 * the bias (and ReLU) after the forward product, and ReLU's or tanh's derivative with the bias gradient's column
 * sums before the backward ones. Each row is one bulk transfer into an array indexed from 0, where HotSpot vectorises.
 *
 * <p>Why: libnd4j M2.1 runs these as a broadcast add, a relu op, a {@code reluDerivative} that calls a
 * {@code std::function} per element, and a sum over rows: together 5–6 % of an {@code mlp} step's thread time
 * here (perf, one thread, load 1–3). {@code GanDenseLayerTest} compares the layer with DL4J's.
 */
final class DenseRows {

    /** Rows per block of work: the unit {@link KernelThreads} shares out, whatever the thread count. */
    private static final int ROWS_PER_BLOCK = 32;

    private DenseRows() {
    }

    static boolean handles(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.rank() != 2 || a.dataType() != DataType.FLOAT || a.ordering() != 'c'
                    || !ContiguousFloats.contiguous(a) || a.size(1) != arrays[0].size(1)
                    || a.size(0) != arrays[0].size(0)) {
                return false;
            }
        }
        return true;
    }

    /** z[r, j] += bias[j], then max(·, 0) if {@code relu}; blocks of rows over {@link KernelThreads}. */
    static void addBias(KernelThreads threads, INDArray z, float[] bias, boolean relu) {
        FloatBuffer buffer = z.data().asNioFloat();
        int base = Math.toIntExact(z.offset());
        int rows = Math.toIntExact(z.size(0));
        int columns = bias.length;
        Chunking blocks = new Chunking(rows, ROWS_PER_BLOCK);
        threads.forEachBlock(blocks.count(), (long) rows * columns, (first, end) -> {
            float[] row = new float[columns];
            // the blocks from first to end are contiguous rows
            for (int r = blocks.start(first); r < blocks.end(end - 1); r++) {
                int at = base + r * columns;
                buffer.get(at, row, 0, columns);
                for (int j = 0; j < columns; j++) {
                    row[j] += bias[j];
                }
                if (relu) {
                    for (int j = 0; j < columns; j++) {
                        row[j] = Math.max(row[j], 0f);
                    }
                }
                buffer.put(at, row, 0, columns);
            }
        });
    }

    /**
     * delta = ε where relu(z) &gt; 0, else 0 (from the kept activation), and, if asked, the column sums of delta
     * (the bias gradient); null when not asked.
     */
    static float[] reluDelta(KernelThreads threads, INDArray activation, INDArray epsilon, INDArray delta,
            boolean sums) {
        return delta(threads, activation, epsilon, delta, false, sums);
    }

    /** delta = (1 − tanh(z)²)·ε from the kept tanh(z), and the column sums if asked (else null). */
    static float[] tanhDelta(KernelThreads threads, INDArray activation, INDArray epsilon, INDArray delta,
            boolean sums) {
        return delta(threads, activation, epsilon, delta, true, sums);
    }

    /**
     * Blocks of rows over {@link KernelThreads}; a block's column sums go to a row of their own, added in block
     * order at the end, so the sums are the same floats whatever the thread count.
     */
    private static float[] delta(KernelThreads threads, INDArray activation, INDArray epsilon, INDArray delta,
            boolean tanh, boolean sums) {
        FloatBuffer a = activation.data().asNioFloat();
        FloatBuffer e = epsilon.data().asNioFloat();
        FloatBuffer d = delta.data().asNioFloat();
        int a0 = Math.toIntExact(activation.offset());
        int e0 = Math.toIntExact(epsilon.offset());
        int d0 = Math.toIntExact(delta.offset());
        int rows = Math.toIntExact(delta.size(0));
        int columns = Math.toIntExact(delta.size(1));
        Chunking blocks = new Chunking(rows, ROWS_PER_BLOCK);
        float[][] blockSums = sums ? new float[blocks.count()][columns] : null;
        threads.forEachBlock(blocks.count(), 3L * rows * columns, (first, end) -> {
            float[] as = new float[columns];
            float[] es = new float[columns];
            for (int b = first; b < end; b++) {
                for (int r = blocks.start(b); r < blocks.end(b); r++) {
                    a.get(a0 + r * columns, as, 0, columns);
                    e.get(e0 + r * columns, es, 0, columns);
                    if (tanh) {
                        for (int j = 0; j < columns; j++) {
                            es[j] = (1f - as[j] * as[j]) * es[j];
                        }
                    } else {
                        for (int j = 0; j < columns; j++) {
                            es[j] = as[j] > 0f ? es[j] : 0f;
                        }
                    }
                    if (sums) {
                        float[] columnSums = blockSums[b];
                        for (int j = 0; j < columns; j++) {
                            columnSums[j] += es[j];
                        }
                    }
                    d.put(d0 + r * columns, es, 0, columns);
                }
            }
        });
        if (!sums) {
            return null;
        }
        float[] columnSums = blockSums[0];
        for (int b = 1; b < blockSums.length; b++) {
            for (int j = 0; j < columns; j++) {
                columnSums[j] += blockSums[b][j];
            }
        }
        return columnSums;
    }

    /** {@code values} into a contiguous float vector (a bias gradient view). */
    static void store(float[] values, INDArray target) {
        if (target.dataType() != DataType.FLOAT || !ContiguousFloats.contiguous(target)
                || target.length() != values.length) {
            target.assign(org.nd4j.linalg.factory.Nd4j.create(values, target.shape(), target.ordering()));
            return;
        }
        target.data().asNioFloat().put(Math.toIntExact(target.offset()), values, 0, values.length);
    }
}
