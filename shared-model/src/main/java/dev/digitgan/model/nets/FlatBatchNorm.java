package dev.digitgan.model.nets;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation of [rows, columns] float activations, one column one feature, in Java loops: what DL4J's
 * {@code BatchNormalization} computes for rank-2 input with its default configuration, for
 * {@link NativeBatchNormalization}'s flat path. Each pass copies one row of every array it reads into a Java array
 * (bulk NIO transfer) and runs over the columns with every array indexed from 0, so HotSpot vectorises the loops
 * (it gave up on loops reading {@code a[from + q]}, see {@link SingleChannelConvolution}); the per-column sums run
 * over the rows in order, in float, as DL4J's reductions do in another order (float rounding).
 */
final class FlatBatchNorm {

    private FlatBatchNorm() {
    }

    /** Float, rank 2, c order with its default strides, offset only in the view: read and written as flat buffers. */
    static boolean handles(INDArray... arrays) {
        return ContiguousFloats.defaultStrides(2, arrays);
    }

    /** The batch's per-column mean and biased variance (over the number of rows), as DL4J's {@code var(false, 0)}. */
    static void statistics(INDArray x, float[] mean, float[] variance) {
        int rows = Math.toIntExact(x.size(0));
        int columns = mean.length;
        FloatBuffer in = x.data().asNioFloat();
        int base = Math.toIntExact(x.offset());
        float[] row = new float[columns];
        float[] sums = new float[columns];
        for (int r = 0; r < rows; r++) {
            in.get(base + r * columns, row, 0, columns);
            add(sums, row, columns);
        }
        for (int c = 0; c < columns; c++) {
            mean[c] = sums[c] / rows;
            sums[c] = 0f;
        }
        for (int r = 0; r < rows; r++) {
            in.get(base + r * columns, row, 0, columns);
            addSquaredDeviations(sums, row, mean, columns);
        }
        for (int c = 0; c < columns; c++) {
            variance[c] = sums[c] / rows;
        }
    }

    /** out = (x − mean) · scale + shift, per column: scale = γ / std and shift = β give DL4J's γ · x̂ + β. */
    static void normalise(INDArray x, float[] mean, float[] scale, float[] shift, INDArray out) {
        int rows = Math.toIntExact(x.size(0));
        int columns = mean.length;
        FloatBuffer in = x.data().asNioFloat();
        FloatBuffer to = out.data().asNioFloat();
        int inBase = Math.toIntExact(x.offset());
        int outBase = Math.toIntExact(out.offset());
        float[] row = new float[columns];
        float[] result = new float[columns];
        for (int r = 0; r < rows; r++) {
            in.get(inBase + r * columns, row, 0, columns);
            for (int c = 0; c < columns; c++) {
                result[c] = (row[c] - mean[c]) * scale[c] + shift[c];
            }
            to.put(outBase + r * columns, result, 0, columns);
        }
    }

    /**
     * Per column, over the rows: Σ ε, Σ ε · (x − mean) and Σ (x − mean), the sums DL4J's backprop takes (its
     * Σ ε · x̂ is the second over std, its Σ dL/dx̂ · (x − mean) that times γ).
     */
    static void gradientSums(INDArray x, INDArray epsilon, float[] mean, float[] sumEpsilon,
            float[] sumEpsilonDeviation, float[] sumDeviation) {
        int rows = Math.toIntExact(x.size(0));
        int columns = mean.length;
        FloatBuffer in = x.data().asNioFloat();
        FloatBuffer eps = epsilon.data().asNioFloat();
        int inBase = Math.toIntExact(x.offset());
        int epsBase = Math.toIntExact(epsilon.offset());
        float[] row = new float[columns];
        float[] epsRow = new float[columns];
        for (int r = 0; r < rows; r++) {
            in.get(inBase + r * columns, row, 0, columns);
            eps.get(epsBase + r * columns, epsRow, 0, columns);
            for (int c = 0; c < columns; c++) {
                float deviation = row[c] - mean[c];
                sumEpsilon[c] += epsRow[c];
                sumEpsilonDeviation[c] += epsRow[c] * deviation;
                sumDeviation[c] += deviation;
            }
        }
    }

    /** gradient = a · ε + k · (x − mean) + b, per column: DL4J's dL/dx with its per-column factors gathered. */
    static void inputGradient(INDArray x, INDArray epsilon, float[] mean, float[] a, float[] k, float[] b,
            INDArray gradient) {
        int rows = Math.toIntExact(x.size(0));
        int columns = mean.length;
        FloatBuffer in = x.data().asNioFloat();
        FloatBuffer eps = epsilon.data().asNioFloat();
        FloatBuffer to = gradient.data().asNioFloat();
        int inBase = Math.toIntExact(x.offset());
        int epsBase = Math.toIntExact(epsilon.offset());
        int toBase = Math.toIntExact(gradient.offset());
        float[] row = new float[columns];
        float[] epsRow = new float[columns];
        float[] result = new float[columns];
        for (int r = 0; r < rows; r++) {
            in.get(inBase + r * columns, row, 0, columns);
            eps.get(epsBase + r * columns, epsRow, 0, columns);
            for (int c = 0; c < columns; c++) {
                result[c] = a[c] * epsRow[c] + k[c] * (row[c] - mean[c]) + b[c];
            }
            to.put(toBase + r * columns, result, 0, columns);
        }
    }

    /** A parameter or its gradient view (gamma, beta, mean, log10 std: [1, columns] or [columns]) as floats. */
    static float[] read(INDArray vector) {
        return vector.castTo(DataType.FLOAT).toFloatVector();
    }

    /** {@code values} into a parameter's gradient view, in place. */
    static void write(INDArray view, float[] values) {
        if (view.dataType() == DataType.FLOAT && view.length() == values.length && view.data().offset() == 0
                && view.stride(view.rank() - 1) == 1 && (view.rank() == 1 || view.size(0) == 1)) {
            view.data().asNioFloat().put(Math.toIntExact(view.offset()), values, 0, values.length);
        } else {
            view.assign(Nd4j.createFromArray(values).reshape(view.shape()));
        }
    }

    private static void add(float[] sums, float[] values, int length) {
        for (int q = 0; q < length; q++) {
            sums[q] += values[q];
        }
    }

    private static void addSquaredDeviations(float[] sums, float[] values, float[] mean, int length) {
        for (int q = 0; q < length; q++) {
            float d = values[q] - mean[q];
            sums[q] += d * d;
        }
    }
}
