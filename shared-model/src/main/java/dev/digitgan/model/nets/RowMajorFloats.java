package dev.digitgan.model.nets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array's values in row-major order as a {@code float[]}, copied in bulk. ND4J M2.1's {@code toFloatVector()}
 * and {@code data().asFloat()} copy value by value: for 64 digits (50,176 values) that took 0.19 ms of a 0.9 ms
 * {@code mlp} generator call here, against about 0.01 ms for one bulk transfer.
 */
public final class RowMajorFloats {

    private RowMajorFloats() {
    }

    public static float[] of(INDArray array) {
        INDArray source = array;
        if (source.dataType() != DataType.FLOAT) {
            source = source.castTo(DataType.FLOAT);
        }
        if (source.ordering() != 'c' || !ContiguousFloats.contiguous(source)) {
            source = source.dup('c');
        }
        float[] values = new float[Math.toIntExact(source.length())];
        source.data().asNioFloat().get(Math.toIntExact(source.offset()), values, 0, values.length);
        return values;
    }
}
