package dev.digitgan.model.nets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A dense layer's weight gradient inputᵀ·δ, written so that oneDNN computes it ({@link GanDenseLayer},
 * {@link GanOutputLayer}). */
final class DenseWeightGradient {

    private DenseWeightGradient() {
    }

    /**
     * inputᵀ·δ into DL4J's column-major weight-gradient view, as δᵀ·input into that view's row-major transpose
     * (the same floats). Why: libnd4j hands a product with a column-major output to OpenBLAS instead of oneDNN.
     * OpenBLAS then keeps a thread of its own spinning on {@code sched_yield} after every call; with
     * OMP_NUM_THREADS=2 on two cores it took a core from libnd4j's OpenMP thread, and an {@code mlp} step went from
     * 18 to 40 ms at times.
     */
    static void into(INDArray input, INDArray delta, INDArray weightGrad) {
        INDArray in = input.castTo(weightGrad.dataType());
        if (weightGrad.ordering() == 'f') {
            Nd4j.gemm(delta, in, weightGrad.transpose(), true, false, 1.0, 0.0);
        } else {
            Nd4j.gemm(in, delta, weightGrad, true, false, 1.0, 0.0);
        }
    }
}
