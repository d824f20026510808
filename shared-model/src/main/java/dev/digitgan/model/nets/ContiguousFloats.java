package dev.digitgan.model.nets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The checks this project's Java kernels make before they read and write ND4J arrays as runs of consecutive floats
 * (bulk NIO transfers at an offset); an array that fails them takes DL4J's or libnd4j's own path.
 */
public final class ContiguousFloats {

    private ContiguousFloats() {
    }

    /**
     * Every dimension longer than 1 has the stride of c order. ND4J's {@code Shape.hasDefaultStridesForShape} refuses
     * a [n, 1, h, w] array with strides [h·w, h·w, w, 1] (equal strides), which is what G's last layer produces and
     * receives.
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
     * Float vectors (or scalars) of one length, each one run: the parameter, gradient and state views that Adam and
     * the weight average update.
     */
    public static boolean vectors(INDArray... arrays) {
        long length = arrays[0].length();
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() != length || length > Integer.MAX_VALUE
                    || !(a.isVector() || a.isScalar()) || (length > 1 && a.elementWiseStride() != 1)) {
                return false;
            }
        }
        return true;
    }

    /** Float arrays of one length, each one run in c order, of any rank. */
    static boolean sameLength(INDArray... arrays) {
        long length = arrays[0].length();
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() != length || length > Integer.MAX_VALUE
                    || a.ordering() != 'c' || !contiguous(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Float arrays of the given rank in c order with ND4J's default strides, the offset in the view only (the batch
     * norms' check).
     */
    static boolean defaultStrides(int rank, INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.rank() != rank || a.dataType() != DataType.FLOAT || a.ordering() != 'c'
                    || !Shape.hasDefaultStridesForShape(a) || a.data().offset() != 0
                    || a.length() >= Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }
}
