package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ReLU's derivative keeps ε exactly where the activation is positive: zeros of both signs and negatives drop it. */
class DenseRowsTest {

    @Test
    void reluDeltaKeepsEpsilonWherePositiveOnly() {
        float[] activation = {0f, -0f, 1e-45f, 1.5f, -2f, Float.MIN_NORMAL, 3f, 0f};
        float[] epsilon = {1f, 2f, 3f, 4f, 5f, 6f, -7f, 8f};
        INDArray delta = Nd4j.create(DataType.FLOAT, 2, 4);
        float[] sums = DenseRows.reluDelta(Nd4j.create(activation, new long[] {2, 4}, 'c'),
                Nd4j.create(epsilon, new long[] {2, 4}, 'c'), delta, true);
        assertThat(delta.data().asFloat()).containsExactly(0f, 0f, 3f, 4f, 0f, 6f, -7f, 0f);
        assertThat(sums).containsExactly(0f, 6f, -4f, 4f);
    }
}
