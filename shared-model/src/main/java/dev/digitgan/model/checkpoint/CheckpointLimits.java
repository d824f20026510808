package dev.digitgan.model.checkpoint;

/**
 * The one place for how much a checkpoint may hold once inflated. Every zip entry is read through a counter that
 * stops at its cap, so a zip bomb (an entry that inflates far past its compressed size) costs at most the cap in
 * memory and fails with a {@link CheckpointRefusedException} instead of exhausting the heap.
 *
 * @param maxEntries             entries of a checkpoint zip (and of a DL4J zip inside it); this build writes 7
 * @param maxManifestBytes       {@code manifest.json}, {@code training.json}, and a DL4J zip's
 *                               {@code configuration.json} (skipped, but inflated to be skipped)
 * @param maxGeneratorParameters parameters of a generator; a spec asking for more is refused before anything is
 *                               allocated, and the generator entry's cap follows from it
 * @param maxTrainingStateBytes  each training-state entry: D's and the stacked network's parameters and Adam state
 *                               (and the older {@code discriminator.zip} / {@code stacked.zip}), read by the trainer
 *                               only; an array's length must also be its rebuilt network's
 */
public record CheckpointLimits(int maxEntries, int maxManifestBytes, long maxGeneratorParameters,
        long maxTrainingStateBytes) {

    /**
     * 16 Mi generator parameters (64 MiB of float32): the sampler's download limit
     * ({@code digitgan.sampler.max-checkpoint-bytes}, 64 MiB) could not hold more anyway, since float weights do not
     * compress. The presets' generators are far smaller ({@code CheckpointFormat.generatorParameters(spec)} counts
     * them; the shipped mlp one has 296,434).
     */
    public static final CheckpointLimits DEFAULT = new CheckpointLimits(8, 1 << 20, 1L << 24, 512L << 20);

    /** Room for the headers of ND4J's binary array format around the floats (a legacy generator entry). */
    static final int ARRAY_HEADER_BYTES = 4096;

    public CheckpointLimits {
        if (maxEntries < 4 || maxManifestBytes < 1024 || maxGeneratorParameters < 1 || maxTrainingStateBytes < 1) {
            throw new IllegalArgumentException("limits too small to read any checkpoint");
        }
    }

    /** The inflated size a generator entry may have: its floats, plus (legacy zips) headers and configuration. */
    long maxGeneratorBytes() {
        return maxGeneratorParameters * Float.BYTES + ARRAY_HEADER_BYTES + maxManifestBytes;
    }
}
