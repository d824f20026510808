package dev.digitgan.model.nets;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass and the input gradient of a convolution with one output channel, stride 1, an odd square
 * kernel and same (zero) padding: G's last layer, 32 channels at 28x28 to one. Planes are copied into
 * zero-bordered Java arrays whose rows are {@code w + k − 1} wide, so that every kernel tap is one flat offset and
 * the work is multiply-add loops over whole planes, which HotSpot vectorises.
 *
 * <p>Why not libnd4j's ops: with one output channel oneDNN pads the channel to 16 and picks a Winograd kernel for
 * the backward-data pass; here that took 112 ms of a 505 ms dcgan step for 59 M multiply-adds (about 1 GFLOP/s),
 * and the forward pass with its four layout reorders another 68 ms (oneDNN's verbose log, one thread, load 0.7).
 *
 * <p>Sums run in another order than oneDNN's (float rounding); {@code SingleChannelConvolutionTest} compares both
 * with a direct sum and {@code NativeConvolutionLayerTest} with DL4J's layer.
 */
final class SingleChannelConvolution {

    private SingleChannelConvolution() {
    }

    /** Float, rank 4, contiguous in c order: the arrays these loops read and write as flat buffers. */
    static boolean handles(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.rank() != 4 || a.dataType() != DataType.FLOAT || !contiguous(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every dimension longer than 1 has the stride of c order (also for {@link SplitMixDropout}). ND4J's
     * {@code Shape.hasDefaultStridesForShape} refuses a [n, 1, h, w] array with strides [h·w, h·w, w, 1] (equal
     * strides), which is what G's last layer produces and receives.
     */
    static boolean contiguous(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) > 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    /**
     * z[n, 0, y, x] = bias + Σ_c Σ_(i,j) w[c, i, j] · in[n, c, y + i − r, x + j − r], r = k / 2, zero outside.
     * Per image, every tap t gets a plane of its own, s_t = Σ_c w[c, t] · padded plane c, and z adds the k² planes
     * at their offsets: the loops over channels then read and write arrays from index 0 alike.
     *
     * @param input   [n, c, h, w]
     * @param weights c·k·k values, [c, i, j] in c order
     * @param output  [n, 1, h, w], written
     */
    static void forward(INDArray input, float[] weights, float bias, int k, INDArray output) {
        long[] s = input.shape();
        Planes planes = new Planes(Math.toIntExact(s[1]), Math.toIntExact(s[2]), Math.toIntExact(s[3]), k);
        FloatBuffer in = input.data().asNioFloat();
        FloatBuffer out = output.data().asNioFloat();
        int inBase = Math.toIntExact(input.offset());
        int outBase = Math.toIntExact(output.offset());
        int taps = k * k;
        float[][] perTap = new float[taps][planes.paddedPlane];
        float[] padded = new float[planes.paddedPlane];
        float[] channels = new float[planes.channels * planes.plane];
        float[] image = new float[planes.plane];
        for (int n = 0; n < s[0]; n++) {
            in.get(inBase + n * channels.length, channels, 0, channels.length);
            for (float[] sums : perTap) {
                Arrays.fill(sums, 0f);
            }
            for (int c = 0; c < planes.channels; c++) {
                planes.load(channels, c * planes.plane, padded);
                for (int t = 0; t < taps; t++) {
                    multiplyAdd(perTap[t], padded, weights[c * taps + t], planes.paddedPlane);
                }
            }
            Arrays.fill(image, bias);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    float[] sums = perTap[i * k + j];
                    for (int y = 0; y < planes.height; y++) {
                        int from = (y + i) * planes.rowWidth + j;
                        int to = y * planes.width;
                        for (int x = 0; x < planes.width; x++) {
                            image[to + x] += sums[from + x];
                        }
                    }
                }
            }
            out.put(outBase + n * planes.plane, image, 0, planes.plane);
        }
    }

    /**
     * in'[n, c, y, x] = Σ_(i,j) w[c, i, j] · δ[n, 0, y − i + r, x − j + r], zero outside: the transposed pass.
     * Per image, the padded δ is copied once per tap at that tap's offset, so that every channel's sum reads the
     * k² copies from index 0.
     *
     * @param delta    [n, 1, h, w], the gradient at the pre-activation output
     * @param weights  c·k·k values, [c, i, j] in c order
     * @param gradient [n, c, h, w], written
     */
    static void inputGradient(INDArray delta, float[] weights, int k, INDArray gradient) {
        long[] s = gradient.shape();
        Planes planes = new Planes(Math.toIntExact(s[1]), Math.toIntExact(s[2]), Math.toIntExact(s[3]), k);
        FloatBuffer d = delta.data().asNioFloat();
        FloatBuffer g = gradient.data().asNioFloat();
        int dBase = Math.toIntExact(delta.offset());
        int gBase = Math.toIntExact(gradient.offset());
        int taps = k * k;
        float[] padded = new float[planes.paddedPlane];
        float[][] shifted = new float[taps][planes.span];
        float[] sums = new float[planes.span];
        float[] image = new float[planes.channels * planes.plane];
        for (int n = 0; n < s[0]; n++) {
            d.get(dBase + n * planes.plane, sums, 0, planes.plane);
            planes.load(sums, 0, padded);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    // tap (i, j) reads δ at (y − i + r, x − j + r): padded offset (k−1−i, k−1−j)
                    System.arraycopy(padded, (k - 1 - i) * planes.rowWidth + (k - 1 - j), shifted[i * k + j], 0,
                            planes.span);
                }
            }
            for (int c = 0; c < planes.channels; c++) {
                Arrays.fill(sums, 0f);
                for (int t = 0; t < taps; t++) {
                    multiplyAdd(sums, shifted[t], weights[c * taps + t], planes.span);
                }
                for (int y = 0; y < planes.height; y++) {
                    System.arraycopy(sums, y * planes.rowWidth, image, (c * planes.height + y) * planes.width,
                            planes.width);
                }
            }
            g.put(gBase + n * planes.channels * planes.plane, image, 0, image.length);
        }
    }

    /**
     * sums[q] += weight · values[q] for q &lt; length. Both arrays from index 0: HotSpot 17's vectoriser gave up
     * on a loop reading {@code values[from + q]} (7–8 times slower here).
     */
    private static void multiplyAdd(float[] sums, float[] values, float weight, int length) {
        for (int q = 0; q < length; q++) {
            sums[q] += weight * values[q];
        }
    }

    /**
     * The layout of zero-bordered planes: {@code rowWidth = w + k − 1} and {@code h + k − 1} rows each. A sum at
     * output (y, x) sits at q = y·rowWidth + x; {@code span} covers every valid q, the columns past w are unused.
     */
    private static final class Planes {
        final int channels;
        final int height;
        final int width;
        final int border;
        final int rowWidth;
        final int plane;
        final int paddedPlane;
        final int span;

        Planes(int channels, int height, int width, int k) {
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.border = k / 2;
            this.rowWidth = width + k - 1;
            this.plane = height * width;
            this.paddedPlane = (height + k - 1) * rowWidth;
            this.span = (height - 1) * rowWidth + width;
        }

        /** One plane, rows of width from {@code at}, into the interior of {@code padded}; its border stays zero. */
        void load(float[] from, int at, float[] padded) {
            int to = border * rowWidth + border;
            for (int y = 0; y < height; y++) {
                System.arraycopy(from, at + y * width, padded, to + y * rowWidth, width);
            }
        }
    }
}
