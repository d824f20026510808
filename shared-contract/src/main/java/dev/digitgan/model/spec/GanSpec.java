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
 * @param loss                      what D's real/fake output is trained on ({@link AdversarialLoss}); null reads as
 *                                  {@link AdversarialLoss#CROSS_ENTROPY}
 *
 * <p>The last four were added within the schema versions: a document without them means 0 (off) and
 * {@link AdversarialLoss#CROSS_ENTROPY}, which is what every spec before them did ({@code SchemaVersions} fills in
 * the numbers for events; a missing loss is read as cross-entropy here, so checkpoint manifests read too).
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
        double emaDecay,
        AdversarialLoss loss) {

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
        // Absent from every spec written before the field (events, checkpoint manifests, the shipped model), and
        // those all trained with cross-entropy: null means that, wherever the document came from.
        loss = loss == null ? AdversarialLoss.CROSS_ENTROPY : loss;
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
        return toBuilder().preset(value).build();
    }

    public GanSpec withLatentSize(int value) {
        return toBuilder().latentSize(value).build();
    }

    public GanSpec withGeneratorHidden(List<Integer> value) {
        return toBuilder().generatorHidden(value).build();
    }

    public GanSpec withDiscriminatorHidden(List<Integer> value) {
        return toBuilder().discriminatorHidden(value).build();
    }

    public GanSpec withGeneratorChannels(List<Integer> value) {
        return toBuilder().generatorChannels(value).build();
    }

    public GanSpec withDiscriminatorChannels(List<Integer> value) {
        return toBuilder().discriminatorChannels(value).build();
    }

    /** Sets both learning rates. */
    public GanSpec withLearningRate(double value) {
        return toBuilder().generatorLearningRate(value).discriminatorLearningRate(value).build();
    }

    public GanSpec withGeneratorLearningRate(double value) {
        return toBuilder().generatorLearningRate(value).build();
    }

    public GanSpec withDiscriminatorLearningRate(double value) {
        return toBuilder().discriminatorLearningRate(value).build();
    }

    public GanSpec withBeta1(double value) {
        return toBuilder().beta1(value).build();
    }

    public GanSpec withDropoutKeep(double value) {
        return toBuilder().dropoutKeep(value).build();
    }

    public GanSpec withLeakyReluAlpha(double value) {
        return toBuilder().leakyReluAlpha(value).build();
    }

    public GanSpec withBatchSize(int value) {
        return toBuilder().batchSize(value).build();
    }

    public GanSpec withSeed(long value) {
        return toBuilder().seed(value).build();
    }

    public GanSpec withClasses(int value) {
        return toBuilder().classes(value).build();
    }

    public GanSpec withLabelSmoothing(double value) {
        return toBuilder().labelSmoothing(value).build();
    }

    public GanSpec withEmaDecay(double value) {
        return toBuilder().emaDecay(value).build();
    }

    public GanSpec withLoss(AdversarialLoss value) {
        return toBuilder().loss(value).build();
    }

    /** A builder holding this spec's values; {@link Builder#build()} validates as the constructor does. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Starts a spec of {@code architecture} named {@code preset}, with every other value at its neutral default:
     * empty size lists, no dropout (keep 1), no LeakyReLU slope, unconditional, no smoothing, no average, the
     * seed's cross-entropy loss. Sizes, rates, batch and seed have no neutral value and must be set.
     */
    public static Builder builder(String preset, Architecture architecture) {
        return new Builder(preset, architecture);
    }

    /** Mutable twin of the record, so that adding a field does not touch every copy (one per with-er before). */
    public static final class Builder {
        private String preset;
        private Architecture architecture;
        private int latentSize;
        private List<Integer> generatorHidden = List.of();
        private List<Integer> discriminatorHidden = List.of();
        private List<Integer> generatorChannels = List.of();
        private List<Integer> discriminatorChannels = List.of();
        private double generatorLearningRate;
        private double discriminatorLearningRate;
        private double beta1;
        private double dropoutKeep = 1;
        private double leakyReluAlpha;
        private int batchSize;
        private long seed;
        private int classes;
        private double labelSmoothing;
        private double emaDecay;
        private AdversarialLoss loss = AdversarialLoss.CROSS_ENTROPY;

        private Builder(String preset, Architecture architecture) {
            this.preset = preset;
            this.architecture = architecture;
        }

        private Builder(GanSpec s) {
            this(s.preset, s.architecture);
            latentSize = s.latentSize;
            generatorHidden = s.generatorHidden;
            discriminatorHidden = s.discriminatorHidden;
            generatorChannels = s.generatorChannels;
            discriminatorChannels = s.discriminatorChannels;
            generatorLearningRate = s.generatorLearningRate;
            discriminatorLearningRate = s.discriminatorLearningRate;
            beta1 = s.beta1;
            dropoutKeep = s.dropoutKeep;
            leakyReluAlpha = s.leakyReluAlpha;
            batchSize = s.batchSize;
            seed = s.seed;
            classes = s.classes;
            labelSmoothing = s.labelSmoothing;
            emaDecay = s.emaDecay;
            loss = s.loss;
        }

        public Builder preset(String value) {
            preset = value;
            return this;
        }

        public Builder latentSize(int value) {
            latentSize = value;
            return this;
        }

        public Builder generatorHidden(List<Integer> value) {
            generatorHidden = value;
            return this;
        }

        public Builder discriminatorHidden(List<Integer> value) {
            discriminatorHidden = value;
            return this;
        }

        public Builder generatorChannels(List<Integer> value) {
            generatorChannels = value;
            return this;
        }

        public Builder discriminatorChannels(List<Integer> value) {
            discriminatorChannels = value;
            return this;
        }

        public Builder generatorLearningRate(double value) {
            generatorLearningRate = value;
            return this;
        }

        public Builder discriminatorLearningRate(double value) {
            discriminatorLearningRate = value;
            return this;
        }

        /** Sets both learning rates. */
        public Builder learningRate(double value) {
            return generatorLearningRate(value).discriminatorLearningRate(value);
        }

        public Builder beta1(double value) {
            beta1 = value;
            return this;
        }

        public Builder dropoutKeep(double value) {
            dropoutKeep = value;
            return this;
        }

        public Builder leakyReluAlpha(double value) {
            leakyReluAlpha = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder classes(int value) {
            classes = value;
            return this;
        }

        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        public Builder emaDecay(double value) {
            emaDecay = value;
            return this;
        }

        public Builder loss(AdversarialLoss value) {
            loss = value;
            return this;
        }

        /** @throws IllegalArgumentException as the record's constructor, naming the first bad value */
        public GanSpec build() {
            return new GanSpec(preset, architecture, latentSize, generatorHidden, discriminatorHidden,
                    generatorChannels, discriminatorChannels, generatorLearningRate, discriminatorLearningRate, beta1,
                    dropoutKeep, leakyReluAlpha, batchSize, seed, classes, labelSmoothing, emaDecay, loss);
        }
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
