package dev.digitgan.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named specs a user can ask for. {@code mlp} is the default; {@code seed} keeps the seed project's exact
 * values so its behaviour can be reproduced; {@code dcgan} is the convolutional model.
 */
public final class Presets {

    public static final String MLP = "mlp";
    public static final String SEED = "seed";
    public static final String DCGAN = "dcgan";
    public static final String DEFAULT = MLP;

    private static final long DEFAULT_SEED = 42L;

    /** Insertion-ordered so error messages and listings are stable. */
    private static final Map<String, GanSpec> BY_NAME = byName(List.of(seed(), mlp(), dcgan()));

    private Presets() {
    }

    /**
     * The seed project's network and hyper-parameters as they were: Adam lr 1e-4 with the usual beta1 0.9.
     * Kept for comparison; it gives noise for several epochs.
     */
    public static GanSpec seed() {
        return new GanSpec(SEED, Architecture.MLP, 100, List.of(150, 300), List.of(300, 150), List.of(), List.of(),
                1e-4, 1e-4, 0.9, 0.7, 0, 256, DEFAULT_SEED);
    }

    /**
     * The seed's network with learning settings chosen by measurement: the seed's layer sizes, dropout and batch,
     * with Adam lr 2e-3 and beta1 0.5. Measured with {@code PresetTrial} (5 epochs of full MNIST, MNIST-classifier
     * score of 2,000 samples, 1 = noise, real test digits 7.9 with that classifier): seed preset 1.03; beta1 0.5 with
     * lr 2e-4 3.50, 5e-4 4.06, 1e-3 4.72 / 4.77 (seeds 42 / 7), 2e-3 5.23 / 4.90. At 2e-3 every class appears, most
     * tiles of the grid read as digits, with speckle noise around them.
     */
    public static GanSpec mlp() {
        return seed().withPreset(MLP).withLearningRate(2e-3).withBeta1(0.5);
    }

    /**
     * A CPU-sized DCGAN: G dense → 7x7x64, upsample + 3x3 conv → 14x14x32, upsample + 3x3 conv → 28x28x1 tanh
     * (batch norm and ReLU between); D 5x5 stride-2 convs 32 → 64, LeakyReLU 0.2, dense 1; Adam lr 5e-4, beta1 0.5.
     * Measured with {@code PresetTrial} after 3 epochs (MNIST-classifier score, see {@link #mlp()}): 3x3 D kernels
     * lr 2e-4 3.76, lr 5e-4 4.76; 5x5 D kernels lr 2e-4 4.56, lr 5e-4 4.97. Clean strokes without the MLP's speckle
     * (generated mean image 0.03-0.06 RMS from the data's, MLP 0.15-0.24), but after 3 epochs not yet more digit-like
     * than the MLP after 5. About 400 images per CPU-second with the oneDNN natives.
     */
    public static GanSpec dcgan() {
        return new GanSpec(DCGAN, Architecture.DCGAN, 100, List.of(), List.of(), List.of(64, 32), List.of(32, 64),
                5e-4, 5e-4, 0.5, 1.0, 0.2, 256, DEFAULT_SEED);
    }

    /** Valid preset names, in a stable order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /**
     * @throws IllegalArgumentException naming the valid presets when {@code name} is not one of them
     */
    public static GanSpec byName(String name) {
        GanSpec spec = name == null ? null : BY_NAME.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("unknown preset " + (name == null ? "null" : "'" + name + "'")
                    + "; valid presets: " + String.join(", ", names()));
        }
        return spec;
    }

    private static Map<String, GanSpec> byName(List<GanSpec> specs) {
        Map<String, GanSpec> map = new LinkedHashMap<>();
        specs.forEach(s -> map.put(s.preset(), s));
        return java.util.Collections.unmodifiableMap(map);
    }
}
