package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU's derivative keeps ε exactly where the activation is positive: zeros of both signs and negatives drop it;
 * every kernel gives the same floats with one thread or three.
 */
class DenseRowsTest {

    @Test
    void reluDeltaKeepsEpsilonWherePositiveOnly() {
        float[] activation = {0f, -0f, 1e-45f, 1.5f, -2f, Float.MIN_NORMAL, 3f, 0f};
        float[] epsilon = {1f, 2f, 3f, 4f, 5f, 6f, -7f, 8f};
        INDArray delta = Nd4j.create(DataType.FLOAT, 2, 4);
        float[] sums = DenseRows.reluDelta(new KernelThreads(1), Nd4j.create(activation, new long[] {2, 4}, 'c'),
                Nd4j.create(epsilon, new long[] {2, 4}, 'c'), delta, true);
        assertThat(delta.data().asFloat()).containsExactly(0f, 0f, 3f, 4f, 0f, 6f, -7f, 0f);
        assertThat(sums).containsExactly(0f, 6f, -4f, 4f);
    }

    @Test
    void oneThreadAndThreeGiveTheSameFloats() {
        Nd4j.getRandom().setSeed(5);
        INDArray z = Nd4j.randn(DataType.FLOAT, 301, 777);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 301, 777);
        float[] bias = Nd4j.randn(DataType.FLOAT, 777).data().asFloat();
        KernelThreads one = new KernelThreads(1);
        KernelThreads three = new KernelThreads(3);
        for (boolean relu : new boolean[] {false, true}) {
            INDArray a = z.dup();
            INDArray b = z.dup();
            DenseRows.addBias(one, a, bias, relu);
            DenseRows.addBias(three, b, bias, relu);
            assertThat(b.data().asFloat()).as("addBias, relu %s", relu).isEqualTo(a.data().asFloat());
            assertThat(a.getFloat(300, 776)).isEqualTo(relu ? Math.max(0f, z.getFloat(300, 776) + bias[776])
                    : z.getFloat(300, 776) + bias[776]);
        }
        INDArray activation = Nd4j.math().tanh(z);
        INDArray d1 = Nd4j.create(DataType.FLOAT, 301, 777);
        INDArray d3 = Nd4j.create(DataType.FLOAT, 301, 777);
        assertThat(DenseRows.reluDelta(three, z, epsilon, d3, true))
                .isEqualTo(DenseRows.reluDelta(one, z, epsilon, d1, true));
        assertThat(d3.data().asFloat()).isEqualTo(d1.data().asFloat());
        float[] sums = DenseRows.tanhDelta(three, activation, epsilon, d3, true);
        assertThat(sums).isEqualTo(DenseRows.tanhDelta(one, activation, epsilon, d1, true));
        assertThat(d3.data().asFloat()).isEqualTo(d1.data().asFloat());
        float[] expected = d1.sum(0).data().asFloat();
        for (int j = 0; j < sums.length; j++) {
            assertThat(sums[j]).as("column %d", j).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-3f));
        }
    }
}
