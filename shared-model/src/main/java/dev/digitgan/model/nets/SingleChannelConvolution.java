package dev.digitgan.model.nets;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass and the input gradient of a convolution with one output channel, stride 1, an odd square
 * kernel and same (zero) padding: G's last layer, 32 channels at 28x28 to one. The work is multiply-add loops over
 * whole planes, which HotSpot vectorises; the k² shifts of a kernel happen once per image, on one-channel planes.
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
            if (a.rank() != 4 || a.dataType() != DataType.FLOAT || !ContiguousFloats.contiguous(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * z[n, 0, y, x] = bias + Σ_c Σ_(i,j) w[c, i, j] · in[n, c, y + i − r, x + j − r], r = k / 2, zero outside.
     * Per image, every tap t gets a plane of its own, s_t = Σ_c w[c, t] · plane c (no shift: the loops over the
     * channels read and write whole planes from index 0 alike), and z adds the k² planes at their offsets.
     *
     * @param input   [n, c, h, w]
     * @param weights c·k·k values, [c, i, j] in c order
     * @param output  [n, 1, h, w], written
     */
    static void forward(KernelThreads threads, INDArray input, float[] weights, float bias, int k,
            INDArray output) {
        long[] s = input.shape();
        int images = Math.toIntExact(s[0]);
        int channels = Math.toIntExact(s[1]);
        int height = Math.toIntExact(s[2]);
        int width = Math.toIntExact(s[3]);
        int plane = height * width;
        int r = k / 2;
        FloatBuffer in = input.data().asNioFloat();
        FloatBuffer out = output.data().asNioFloat();
        int inBase = Math.toIntExact(input.offset());
        int outBase = Math.toIntExact(output.offset());
        int taps = k * k;
        threads.forEachBlock(images, (long) images * channels * plane * taps / 4, (first, end) -> {
            float[][] perTap = new float[taps][plane];
            float[] values = new float[plane];
            float[] image = new float[plane];
            for (int n = first; n < end; n++) {
                for (float[] sums : perTap) {
                    Arrays.fill(sums, 0f);
                }
                for (int c = 0; c < channels; c++) {
                    in.get(inBase + (n * channels + c) * plane, values, 0, plane);
                    for (int t = 0; t < taps; t++) {
                        multiplyAdd(perTap[t], values, weights[c * taps + t], plane);
                    }
                }
                Arrays.fill(image, bias);
                for (int i = 0; i < k; i++) {
                    int dy = i - r;
                    for (int j = 0; j < k; j++) {
                        int dx = j - r;
                        float[] sums = perTap[i * k + j];
                        for (int y = Math.max(0, -dy); y < Math.min(height, height - dy); y++) {
                            int from = (y + dy) * width + dx;
                            int to = y * width;
                            for (int x = Math.max(0, -dx); x < Math.min(width, width - dx); x++) {
                                image[to + x] += sums[from + x];
                            }
                        }
                    }
                }
                out.put(outBase + n * plane, image, 0, plane);
            }
        });
    }

    /**
     * in'[n, c, y, x] = Σ_(i,j) w[c, i, j] · δ[n, 0, y − i + r, x − j + r], zero outside: the transposed pass.
     * Per image, δ is copied once per tap at that tap's shift (zero where it falls outside), so that every
     * channel's sum reads the k² copies from index 0 and goes to the buffer as one plane.
     *
     * @param delta    [n, 1, h, w], the gradient at the pre-activation output
     * @param weights  c·k·k values, [c, i, j] in c order
     * @param gradient [n, c, h, w], written
     * @param shifts   [n, k·k, h·w], written with the shifted copies of δ, or null: shifts[n, (i, j), p] =
     *                 δ[n, p − o(i, j)], so that the weight gradient is Σ_n in[n] · shifts[n]ᵀ
     */
    static void inputGradient(KernelThreads threads, INDArray delta, float[] weights, int k, INDArray gradient,
            INDArray shifts) {
        long[] s = gradient.shape();
        int images = Math.toIntExact(s[0]);
        int channels = Math.toIntExact(s[1]);
        int height = Math.toIntExact(s[2]);
        int width = Math.toIntExact(s[3]);
        int plane = height * width;
        int r = k / 2;
        FloatBuffer d = delta.data().asNioFloat();
        FloatBuffer g = gradient.data().asNioFloat();
        int dBase = Math.toIntExact(delta.offset());
        int gBase = Math.toIntExact(gradient.offset());
        int taps = k * k;
        FloatBuffer shiftBuffer = shifts == null ? null : shifts.data().asNioFloat();
        int shiftBase = shifts == null ? 0 : Math.toIntExact(shifts.offset());
        threads.forEachBlock(images, (long) images * channels * plane * taps / 4, (first, end) -> {
            float[] values = new float[plane];
            float[][] shifted = new float[taps][plane];
            float[] sums = new float[plane];
            for (int n = first; n < end; n++) {
                d.get(dBase + n * plane, values, 0, plane);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        shift(values, shifted[i * k + j], height, width, r - i, r - j);
                        if (shiftBuffer != null) {
                            shiftBuffer.put(shiftBase + (n * taps + i * k + j) * plane, shifted[i * k + j], 0,
                                    plane);
                        }
                    }
                }
                for (int c = 0; c < channels; c++) {
                    Arrays.fill(sums, 0f);
                    for (int t = 0; t < taps; t++) {
                        multiplyAdd(sums, shifted[t], weights[c * taps + t], plane);
                    }
                    g.put(gBase + (n * channels + c) * plane, sums, 0, plane);
                }
            }
        });
    }

    /** to[y, x] = from[y + dy, x + dx], zero where that falls outside the plane. */
    private static void shift(float[] from, float[] to, int height, int width, int dy, int dx) {
        Arrays.fill(to, 0f);
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(width, width - dx);
        for (int y = Math.max(0, -dy); y < Math.min(height, height - dy); y++) {
            System.arraycopy(from, (y + dy) * width + x0 + dx, to, y * width + x0, x1 - x0);
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
}
