package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The one-output-channel loops give the direct sums of their definitions, borders and odd shapes included. */
class SingleChannelConvolutionTest {

    private static final KernelThreads ONE = new KernelThreads(1);

    private final Random random = new Random(11);

    @Test
    void oneThreadAndThreeGiveTheSameFloats() {
        int n = 37;
        int c = 8;
        int h = 14;
        int w = 14;
        int k = 3;
        INDArray x = Nd4j.create(values(n * c * h * w), new long[] {n, c, h, w}, 'c');
        INDArray delta = Nd4j.create(values(n * h * w), new long[] {n, 1, h, w}, 'c');
        float[] weights = values(c * k * k);
        KernelThreads three = new KernelThreads(3);
        INDArray[] one = {Nd4j.create(DataType.FLOAT, n, 1, h, w), Nd4j.create(DataType.FLOAT, n, c, h, w),
            Nd4j.create(DataType.FLOAT, n, k * k, h * w)};
        INDArray[] many = {Nd4j.create(DataType.FLOAT, n, 1, h, w), Nd4j.create(DataType.FLOAT, n, c, h, w),
            Nd4j.create(DataType.FLOAT, n, k * k, h * w)};
        SingleChannelConvolution.forward(ONE, x, weights, 0.5f, k, one[0]);
        SingleChannelConvolution.forward(three, x, weights, 0.5f, k, many[0]);
        SingleChannelConvolution.inputGradient(ONE, delta, weights, k, one[1], one[2]);
        SingleChannelConvolution.inputGradient(three, delta, weights, k, many[1], many[2]);
        for (int i = 0; i < 3; i++) {
            assertThat(many[i].data().asFloat()).as("output %d", i).isEqualTo(one[i].data().asFloat());
            assertThat(many[i].slice(n - 1).sumNumber().doubleValue()).as("output %d's last image", i).isNotZero();
        }
    }

    @Test
    void forwardIsTheDirectSumWithZeroPadding() {
        for (int[] shape : new int[][] {{2, 3, 5, 7, 3}, {3, 1, 4, 4, 5}, {1, 4, 6, 3, 3}, {2, 2, 1, 1, 3}}) {
            int n = shape[0];
            int c = shape[1];
            int h = shape[2];
            int w = shape[3];
            int k = shape[4];
            float[] x = values(n * c * h * w);
            float[] weights = values(c * k * k);
            INDArray out = Nd4j.create(DataType.FLOAT, n, 1, h, w);
            SingleChannelConvolution.forward(ONE, Nd4j.create(x, new long[] {n, c, h, w}, 'c'), weights, 0.25f, k, out);
            int r = k / 2;
            for (int b = 0; b < n; b++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double sum = 0.25;
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int yy = y + i - r;
                                    int xs = xx + j - r;
                                    if (yy >= 0 && yy < h && xs >= 0 && xs < w) {
                                        sum += weights[(ch * k + i) * k + j] * x[((b * c + ch) * h + yy) * w + xs];
                                    }
                                }
                            }
                        }
                        assertThat(out.getDouble(b, 0, y, xx)).as("z at %d,%d,%d of %s", b, y, xx, shapeOf(shape))
                                .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    /** The input gradient is the adjoint of the forward pass: ⟨conv(x), δ⟩ = ⟨x, conv'(δ)⟩ for every x and δ. */
    @Test
    void inputGradientIsTheAdjointOfForward() {
        for (int[] shape : new int[][] {{2, 3, 5, 7, 3}, {3, 1, 4, 4, 5}, {1, 4, 6, 3, 3}, {2, 32, 28, 28, 3}}) {
            int n = shape[0];
            int c = shape[1];
            int h = shape[2];
            int w = shape[3];
            int k = shape[4];
            float[] weights = values(c * k * k);
            for (int probe = 0; probe < 3; probe++) {
                INDArray x = Nd4j.create(values(n * c * h * w), new long[] {n, c, h, w}, 'c');
                INDArray delta = Nd4j.create(values(n * h * w), new long[] {n, 1, h, w}, 'c');
                INDArray z = Nd4j.create(DataType.FLOAT, n, 1, h, w);
                SingleChannelConvolution.forward(ONE, x, weights, 0f, k, z);
                INDArray back = Nd4j.create(DataType.FLOAT, n, c, h, w);
                SingleChannelConvolution.inputGradient(ONE, delta, weights, k, back, null);
                double left = z.castTo(DataType.DOUBLE).mul(delta.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                double right = x.castTo(DataType.DOUBLE).mul(back.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                assertThat(right).as("adjoint of %s", shapeOf(shape))
                        .isCloseTo(left, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(left))));
                assertThat(Math.abs(left)).as("not trivially zero").isGreaterThan(1e-3);
            }
        }
    }

    /** shifts[n, (i, j), y, x] = δ[n, y − i + r, x − j + r], zero outside: what the weight gradient multiplies. */
    @Test
    void theShiftsAreDeltaAtEachTapsMirroredOffset() {
        int n = 2;
        int h = 5;
        int w = 6;
        int k = 3;
        float[] d = values(n * h * w);
        INDArray delta = Nd4j.create(d, new long[] {n, 1, h, w}, 'c');
        INDArray shifts = Nd4j.create(DataType.FLOAT, n, k * k, h * w);
        SingleChannelConvolution.inputGradient(ONE, delta, values(4 * k * k), k,
                Nd4j.create(DataType.FLOAT, n, 4, h, w), shifts);
        int r = k / 2;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int yy = y - i + r;
                            int xx = x - j + r;
                            float expected = yy >= 0 && yy < h && xx >= 0 && xx < w ? d[(b * h + yy) * w + xx] : 0f;
                            assertThat(shifts.getFloat(b, i * k + j, y * w + x)).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void readsAndWritesOnlyItsOwnPartOfOffsetViews() {
        INDArray whole = Nd4j.create(values(4 * 2 * 5 * 5), new long[] {4, 2, 5, 5}, 'c');
        INDArray part = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4));
        float[] weights = values(2 * 9);
        INDArray fromView = Nd4j.create(DataType.FLOAT, 2, 1, 5, 5);
        INDArray fromCopy = Nd4j.create(DataType.FLOAT, 2, 1, 5, 5);
        SingleChannelConvolution.forward(ONE, part, weights, 0f, 3, fromView);
        SingleChannelConvolution.forward(ONE, part.dup(), weights, 0f, 3, fromCopy);
        assertThat(part.offset()).isPositive();
        assertThat(fromView).isEqualTo(fromCopy);

        INDArray target = Nd4j.zeros(DataType.FLOAT, 4, 2, 5, 5);
        SingleChannelConvolution.inputGradient(ONE, fromCopy, weights, 3,
                target.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)), null);
        INDArray expected = Nd4j.create(DataType.FLOAT, 2, 2, 5, 5);
        SingleChannelConvolution.inputGradient(ONE, fromCopy, weights, 3, expected, null);
        assertThat(target.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).sumNumber().doubleValue())
                .isZero();
        assertThat(target.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4))).isEqualTo(expected);
    }

    @Test
    void takesOnlyContiguousFloatArraysOfRankFour() {
        assertThat(SingleChannelConvolution.handles(Nd4j.create(DataType.FLOAT, 2, 3, 4, 4))).isTrue();
        // one channel: strides [16, 16, 4, 1], which ND4J's own default-strides check refuses
        assertThat(SingleChannelConvolution.handles(Nd4j.create(DataType.FLOAT, 2, 1, 4, 4))).isTrue();
        assertThat(SingleChannelConvolution.handles(Nd4j.create(DataType.DOUBLE, 2, 3, 4, 4))).isFalse();
        assertThat(SingleChannelConvolution.handles(Nd4j.create(DataType.FLOAT, 2, 3, 4, 4).permute(0, 1, 3, 2)))
                .isFalse();
        assertThat(SingleChannelConvolution.handles(Nd4j.create(DataType.FLOAT, new long[] {2, 3, 4, 4}, 'f')))
                .isFalse();
        assertThat(SingleChannelConvolution.handles(Nd4j.create(DataType.FLOAT, 2, 48))).isFalse();
    }

    private float[] values(int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static String shapeOf(int[] shape) {
        return java.util.Arrays.toString(shape);
    }
}
