package dev.digitgan.model.quality;

import dev.digitgan.model.train.LatentSource;

/**
 * How a generator is scored, so that scores compare across checkpoints, runs and services: the same z (from
 * {@link #LATENT_SEED}) and, for a conditional generator, the same requested labels, for the same N.
 */
public final class EvaluationProtocol {

    /** Seed of the evaluation z; distinct from every training seed's draws (they mix the seed with a purpose). */
    public static final long LATENT_SEED = 0x5155414c495459L;
    /** N of a checkpoint's score (the trainer, the sampler's gate); see README "Quality" for its cost. */
    public static final int CHECKPOINT_SAMPLES = 2_000;
    /** N of a reported figure (end of a run, the calibration table, the eval command). */
    public static final int REPORT_SAMPLES = 10_000;

    private EvaluationProtocol() {
    }

    /**
     * The evaluation z: {@code n} rows of {@code latentSize}. The first m rows of a larger n are the m rows of a
     * smaller one.
     */
    public static float[] latents(int latentSize, int n) {
        return new LatentSource(latentSize, LATENT_SEED).sample(0, n);
    }

    /** The labels a conditional generator is asked for: 0, 1, ..., 9, 0, 1, ... (equally many of each). */
    public static int[] requestedLabels(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }
}
