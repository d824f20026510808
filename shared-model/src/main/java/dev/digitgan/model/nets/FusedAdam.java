package dev.digitgan.model.nets;

import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's {@link Adam} whose per-element update runs as one Java loop over float chunks instead of libnd4j's
 * {@code adam_updater} op. The state is DL4J's: the same view, m then v, so checkpoints and their Adam state read
 * the same; the formula is the op's, in float: m' = β1·m + g·(1 − β1), v' = β2·v + g²·(1 − β2),
 * update = m'·α_t / (√v' + ε), α_t = lr·√(1 − β2^(t+1)) / (1 − β1^(t+1)).
 *
 * <p>Why: libnd4j M2.1 runs that op through a {@code std::function} call per element; in an {@code mlp} step it was
 * 12 % of the training thread's time (perf, one thread, load 1.1), about 6 ns for each of the 577,235 parameters a
 * step updates. Anything but a contiguous float gradient and state takes DL4J's op. {@code FusedAdamTest} compares
 * the updates and the state with DL4J's Adam over many iterations.
 */
public class FusedAdam extends Adam {

    /** For DL4J's JSON (de)serialisation of network configurations. */
    public FusedAdam() {
    }

    public FusedAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        // as Adam.instantiate does: the view as a vector, m its first half and v its second
        Updater updater = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public FusedAdam clone() {
        FusedAdam copy = new FusedAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        if (getLearningRateSchedule() != null) {
            copy.setLearningRateSchedule(getLearningRateSchedule().clone());
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedAdam && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FusedAdam;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    /** DL4J's Adam updater with {@link Chunks} doing the update where the arrays allow it. */
    static final class Updater extends AdamUpdater {

        Updater(FusedAdam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = getM();
            INDArray v = getV();
            if (m == null || v == null || !ContiguousFloats.vectors(gradient, m, v)) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam config = getConfig();
            Chunks.update(KernelThreads.shared(), gradient, m, v, config.getLearningRate(iteration, epoch),
                    config.getBeta1(), config.getBeta2(), config.getEpsilon(), iteration);
        }
    }

    /**
     * The update over contiguous float vectors, a chunk at a time through Java arrays, the chunks split over
     * {@link KernelThreads}.
     */
    static final class Chunks {
        /** Values per chunk: three arrays of 8 KiB stay in the first-level cache. */
        private static final int CHUNK = 2048;

        private Chunks() {
        }

        /** What libnd4j's {@code adamUpdater_} computes, in the same float operations. */
        static void update(KernelThreads threads, INDArray gradient, INDArray m, INDArray v, double learningRate,
                double beta1, double beta2, double epsilon, int iteration) {
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float eps = (float) epsilon;
            float b1t = (float) Math.pow(b1, iteration + 1);
            float b2t = (float) Math.pow(b2, iteration + 1);
            // the op's mix of float and double: lr · sqrtf((float) (1.0 − β2^t)) / (1.0 − β1^t)
            float alpha = (float) ((float) learningRate * (float) Math.sqrt((float) (1.0 - b2t)) / (1.0 - b1t));
            float step = Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0f ? eps : alpha;
            float keep1 = 1 - b1;
            float keep2 = 1 - b2;
            FloatBuffer gb = gradient.data().asNioFloat();
            FloatBuffer mb = m.data().asNioFloat();
            FloatBuffer vb = v.data().asNioFloat();
            int g0 = Math.toIntExact(gradient.offset());
            int m0 = Math.toIntExact(m.offset());
            int v0 = Math.toIntExact(v.offset());
            int length = Math.toIntExact(gradient.length());
            Chunking chunks = new Chunking(length, CHUNK);
            threads.forEachBlock(chunks.count(), 3L * length, (first, end) -> {
                float[] gs = new float[Math.min(CHUNK, length)];
                float[] ms = new float[gs.length];
                float[] vs = new float[gs.length];
                for (int c = first; c < end; c++) {
                    int from = chunks.start(c);
                    int n = chunks.end(c) - from;
                    gb.get(g0 + from, gs, 0, n);
                    mb.get(m0 + from, ms, 0, n);
                    vb.get(v0 + from, vs, 0, n);
                    for (int i = 0; i < n; i++) {
                        float g = gs[i];
                        float mean = b1 * ms[i] + g * keep1;
                        float variance = b2 * vs[i] + g * g * keep2;
                        ms[i] = mean;
                        vs[i] = variance;
                        gs[i] = mean * step / ((float) Math.sqrt(variance) + eps);
                    }
                    mb.put(m0 + from, ms, 0, n);
                    vb.put(v0 + from, vs, 0, n);
                    gb.put(g0 + from, gs, 0, n);
                }
            });
        }
    }
}
