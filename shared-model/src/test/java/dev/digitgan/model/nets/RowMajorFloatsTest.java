package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The bulk copy gives the values in row-major order for every layout it may meet. */
class RowMajorFloatsTest {

    @Test
    void rowMajorValuesOfContiguousViewsPermutedAndOtherTypes() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        assertThat(RowMajorFloats.of(images)).containsExactly(images.dup('c').data().asFloat());
        INDArray tail = images.get(NDArrayIndex.interval(2, 4));
        assertThat(tail.offset()).isPositive();
        assertThat(RowMajorFloats.of(tail)).containsExactly(tail.dup('c').data().asFloat());
        INDArray permuted = Nd4j.rand(DataType.FLOAT, 3, 5).permute(1, 0);
        assertThat(RowMajorFloats.of(permuted)).containsExactly(permuted.dup('c').data().asFloat())
                .startsWith(permuted.getFloat(0, 0), permuted.getFloat(0, 1));
        INDArray fortran = Nd4j.rand(DataType.FLOAT, 3, 5).dup('f');
        assertThat(RowMajorFloats.of(fortran)).hasSize(15).startsWith(fortran.getFloat(0, 0), fortran.getFloat(0, 1));
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 2, 3);
        assertThat(RowMajorFloats.of(doubles)).containsExactly(doubles.castTo(DataType.FLOAT).data().asFloat());
    }
}
