package dev.digitgan.model.spec;

import java.util.List;
import java.util.Objects;

/**
 * Everything needed to rebuild a GAN and train it again the same way: the architecture, its sizes and the
 * training hyper-parameters. It travels inside events and checkpoint manifests, so it is a plain record of
 * strings, numbers, an enum and lists that Jackson serialises as-is.
 *
 * <p>Which size lists apply depends on the architecture, and the other ones must be empty so that a spec never
 * carries numbers that do nothing:
 * <ul>
 *   <li>{@link Architecture#MLP}: {@code generatorHidden} / {@code discriminatorHidden} are dense layer widths
 *       (G: z → hidden... → 784 tanh; D: 784 → hidden... → 1 sigmoid).</li>
 *   <li>{@link Architecture#DCGAN}: {@code generatorChannels} = [C0, C1]: G is dense → 7x7xC0, upsample x2 +
 *       3x3 convolution → 14x14xC1, upsample x2 + 3x3 convolution → 28x28x1 (tanh); {@code discriminatorChannels}
 *       are D's 5x5 stride-2 convolutions.</li>
 * </ul>
 *
 * @param preset                    name of the preset this spec came from (informational; overrides keep it)
 * @param architecture              network family
 * @param latentSize                size of the Gaussian z vector
 * @param generatorHidden           MLP only: G hidden widths
 * @param discriminatorHidden       MLP only: D hidden widths
 * @param generatorChannels         DCGAN only: G channel counts (see above)
 * @param discriminatorChannels     DCGAN only: D convolution channel counts
 * @param generatorLearningRate     Adam learning rate of G (applied through the stacked network)
 * @param discriminatorLearningRate Adam learning rate of D
 * @param beta1                     Adam beta1 of both
 * @param dropoutKeep               probability of keeping an activation in D's hidden layers (1 = no dropout)
 * @param leakyReluAlpha            DCGAN only: negative slope of D's LeakyReLU (0 for MLP)
 * @param batchSize                 real images per D step (and fake images per D and G step)
 * @param seed                      seeds weight init, z sampling and data shuffling
 * @param classes                   0 for an unconditional GAN; {@link #DIGIT_CLASSES} for a conditional one (AC-GAN:
 *                                  G gets the one-hot label after z, D has one real/fake unit and one unit per
 *                                  class). Label {@code k} means the digit {@code k}.
 * @param labelSmoothing            one-sided label smoothing: D's target for real images is {@code 1 - this}
 *                                  (0 = off; fakes stay 0)
 * @param emaDecay                  decay of the exponential moving average of G's weights that checkpoints serve
 *                                  (0 = off: checkpoints hold G itself)
 *
 * <p>The last three were added within the schema versions: a document without them means 0 (off), which is
 * what every spec before them did ({@code SchemaVersions} fills them in).
 */
public record GanSpec(
        String preset,
        Architecture architecture,
        int latentSize,
        List<Integer> generatorHidden,
        List<Integer> discriminatorHidden,
        List<Integer> generatorChannels,
        List<Integer> discriminatorChannels,
        double generatorLearningRate,
        double discriminatorLearningRate,
        double beta1,
        double dropoutKeep,
        double leakyReluAlpha,
        int batchSize,
        long seed,
        int classes,
        double labelSmoothing,
        double emaDecay) {

    /** MNIST image side; the DCGAN stages are laid out for it (7 → 14 → 28). */
    public static final int IMAGE_SIDE = 28;
    /** Pixels per image, the MLP's input/output width. */
    public static final int IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
    /** Spatial side of G's first DCGAN block; two x2 upsamplings reach {@link #IMAGE_SIDE}. */
    public static final int DCGAN_BASE_SIDE = 7;
    /** G channel entries of a DCGAN: the 7x7 block and the 14x14 stage (the 28x28 stage has one channel). */
    public static final int DCGAN_GENERATOR_STAGES = 2;

    /** Classes of a conditional MNIST model: the ten digits, label {@code k} = digit {@code k}. */
    public static final int DIGIT_CLASSES = 10;

    public GanSpec {
        if (preset == null || preset.isBlank()) {
            throw new IllegalArgumentException("preset must be a non-blank name, got " + quote(preset));
        }
        Objects.requireNonNull(architecture,
                "architecture must be set (one of " + List.of(Architecture.values()) + ")");
        positive("latentSize", latentSize);
        positive("batchSize", batchSize);
        generatorHidden = positiveList("generatorHidden", generatorHidden);
        discriminatorHidden = positiveList("discriminatorHidden", discriminatorHidden);
        generatorChannels = positiveList("generatorChannels", generatorChannels);
        discriminatorChannels = positiveList("discriminatorChannels", discriminatorChannels);
        learningRate("generatorLearningRate", generatorLearningRate);
        learningRate("discriminatorLearningRate", discriminatorLearningRate);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(dropoutKeep > 0 && dropoutKeep <= 1)) {
            throw new IllegalArgumentException("dropoutKeep must be in (0, 1] (1 = no dropout), got " + dropoutKeep);
        }
        if (!(leakyReluAlpha >= 0 && leakyReluAlpha < 1)) {
            throw new IllegalArgumentException("leakyReluAlpha must be in [0, 1), got " + leakyReluAlpha);
        }
        if (classes != 0 && classes != DIGIT_CLASSES) {
            throw new IllegalArgumentException("classes must be 0 (unconditional) or " + DIGIT_CLASSES
                    + " (one per digit), got " + classes);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 0.5) (0 = off), got " + labelSmoothing);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1) (0 = off), got " + emaDecay);
        }
        switch (architecture) {
            case MLP -> {
                nonEmpty("generatorHidden", generatorHidden, architecture);
                nonEmpty("discriminatorHidden", discriminatorHidden, architecture);
                unused("generatorChannels", generatorChannels, architecture);
                unused("discriminatorChannels", discriminatorChannels, architecture);
            }
            case DCGAN -> {
                if (generatorChannels.size() != DCGAN_GENERATOR_STAGES) {
                    throw new IllegalArgumentException("generatorChannels of a DCGAN must have exactly "
                            + DCGAN_GENERATOR_STAGES + " entries (channels at 7x7 and at 14x14), got "
                            + generatorChannels);
                }
                nonEmpty("discriminatorChannels", discriminatorChannels, architecture);
                if (discriminatorChannels.size() > 4) {
                    // each strided conv halves the side (28 → 14 → 7 → 4 → 2); a fifth would leave nothing
                    throw new IllegalArgumentException("discriminatorChannels of a DCGAN may have at most 4 entries"
                            + " (each halves 28x28), got " + discriminatorChannels);
                }
                unused("generatorHidden", generatorHidden, architecture);
                unused("discriminatorHidden", discriminatorHidden, architecture);
            }
        }
    }

    public GanSpec withPreset(String value) {
        return new GanSpec(value, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withLatentSize(int value) {
        return new GanSpec(preset, architecture, value, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withGeneratorHidden(List<Integer> value) {
        return new GanSpec(preset, architecture, latentSize, value, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withDiscriminatorHidden(List<Integer> value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, value, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withGeneratorChannels(List<Integer> value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, value,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withDiscriminatorChannels(List<Integer> value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                value, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    /** Sets both learning rates. */
    public GanSpec withLearningRate(double value) {
        return withGeneratorLearningRate(value).withDiscriminatorLearningRate(value);
    }

    public GanSpec withGeneratorLearningRate(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, value, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withDiscriminatorLearningRate(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, value, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withBeta1(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, value, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withDropoutKeep(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, value,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withLeakyReluAlpha(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                value, batchSize, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withBatchSize(int value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, value, seed, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withSeed(long value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, value, classes, labelSmoothing, emaDecay);
    }

    public GanSpec withClasses(int value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, value, labelSmoothing, emaDecay);
    }

    public GanSpec withLabelSmoothing(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, value, emaDecay);
    }

    public GanSpec withEmaDecay(double value) {
        return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden, generatorChannels,
                discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1, dropoutKeep,
                leakyReluAlpha, batchSize, seed, classes, labelSmoothing, value);
    }

    /** True when G takes a label and D classifies ({@link #classes()} > 0). */
    public boolean conditional() {
        return classes > 0;
    }

    /** Width of G's input: z followed by the one-hot label of a conditional model. */
    public int generatorInputSize() {
        return latentSize + classes;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void learningRate(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
        }
    }

    private static List<Integer> positiveList(String name, List<Integer> values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must be a list (use [] when it does not apply), got null");
        }
        for (int i = 0; i < values.size(); i++) {
            Integer v = values.get(i);
            if (v == null || v <= 0) {
                throw new IllegalArgumentException(name + "[" + i + "] must be > 0, got " + v + " in " + values);
            }
        }
        return List.copyOf(values);
    }

    private static void nonEmpty(String name, List<Integer> values, Architecture architecture) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty for " + architecture);
        }
    }

    private static void unused(String name, List<Integer> values, Architecture architecture) {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException(name + " does not apply to " + architecture + " and must be [], got "
                    + values);
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
