package dev.digitgan.model.train;

import dev.digitgan.model.nets.ContiguousFloats;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight average's step, avg = d·avg + (1 − d)·G, in one Java pass over float chunks. ND4J's
 * {@code avg.muli(d).addi(g.mul(1 − d))} is three passes over G's parameters and a new array of them each step
 * (296,434 floats for {@code mlp}). The same float operations in the same order: {@code WeightBlendTest} compares
 * bit for bit.
 */
final class WeightBlend {

    /** Values per chunk: two arrays of 8 KiB. */
    private static final int CHUNK = 2048;

    private WeightBlend() {
    }

    static void blend(INDArray average, INDArray weights, double decay) {
        if (!ContiguousFloats.vectors(average, weights)) {
            average.muli(decay).addi(weights.mul(1 - decay));
            return;
        }
        float keep = (float) decay;
        float take = (float) (1 - decay);
        FloatBuffer a = average.data().asNioFloat();
        FloatBuffer g = weights.data().asNioFloat();
        int a0 = Math.toIntExact(average.offset());
        int g0 = Math.toIntExact(weights.offset());
        int length = Math.toIntExact(average.length());
        float[] as = new float[Math.min(CHUNK, length)];
        float[] gs = new float[as.length];
        for (int from = 0; from < length; from += CHUNK) {
            int n = Math.min(CHUNK, length - from);
            a.get(a0 + from, as, 0, n);
            g.get(g0 + from, gs, 0, n);
            for (int i = 0; i < n; i++) {
                as[i] = as[i] * keep + gs[i] * take;
            }
            a.put(a0 + from, as, 0, n);
        }
    }
}
