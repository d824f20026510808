package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The Java blend gives ND4J's floats bit for bit, also on offset views of a flat parameter array. */
class WeightBlendTest {

    @Test
    void sameFloatsAsNd4jsThreeOperations() {
        for (double decay : new double[] {0.999, 0.5, 1.0 / 11}) {
            INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 10_007);
            INDArray average = flat.get(NDArrayIndex.all(), NDArrayIndex.interval(7, 5_007));
            INDArray weights = Nd4j.rand(DataType.FLOAT, 1, 5_000).subi(0.5);
            INDArray expected = average.dup().muli(decay).addi(weights.mul(1 - decay));
            INDArray untouched = flat.get(NDArrayIndex.all(), NDArrayIndex.interval(5_007, 10_007)).dup();
            WeightBlend.blend(average, weights, decay);
            assertThat(average).as("decay %s", decay).isEqualTo(expected);
            assertThat(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(5_007, 10_007))).isEqualTo(untouched);
        }
    }
}
