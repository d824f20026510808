package dev.digitgan.model.quality;

import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.Labels;
import java.util.Arrays;

/**
 * Scores generated digits against MNIST with the project's own classifier (shipped weights, SHA-256 verified
 * on load): the Fréchet distance of its features to the test set's, its Inception Score, the entropy of the
 * predicted labels and, for a conditional generator, the share classified as the label asked for.
 *
 * <p>Load it once ({@link #shipped()} hashes and parses ~0.9 MB) and keep it. Thread-safe: scoring is serialised,
 * because the classifier is a DL4J network; give each thread its own instance to score in parallel.
 */
public final class QualityEvaluator {

    /** Generated digits per generator call when scoring a generator (bounds the DCGAN's activation memory). */
    private static final int GENERATION_CHUNK = 500;

    private final MnistClassifier classifier;
    private final FrechetDistance frechet;
    private final String id;

    QualityEvaluator(MnistClassifier classifier, FeatureGaussian testFeatures, String id) {
        this.classifier = classifier;
        this.frechet = new FrechetDistance(testFeatures);
        this.id = id;
    }

    /**
     * The shipped evaluator: classifier weights and the MNIST test set's feature statistics from the classpath,
     * each checked against its pinned SHA-256.
     *
     * @throws IllegalStateException if a file is missing or does not match its pin
     */
    public static QualityEvaluator shipped() {
        byte[] weights = QualityResources.read(QualityResources.WEIGHTS);
        byte[] testFeatures = QualityResources.read(QualityResources.TEST_FEATURES);
        MnistClassifier classifier = new MnistClassifier(ClassifierWeights.decode(weights));
        FeatureGaussian reference = FeatureGaussian.decode(testFeatures, ClassifierNetwork.FEATURES);
        return new QualityEvaluator(classifier, reference, "mnist-cnn-" + QualityResources.sha256(weights)
                .substring(0, 12));
    }

    /** Names the classifier and reference this evaluator uses (recorded in every {@link QualityScores}). */
    public String id() {
        return id;
    }

    /**
     * Scores {@code n} unconditional samples.
     *
     * @param images {@code n * 784} pixels in [-1, 1] (0 → -1, 255 → 1, as {@code MnistDataset} and
     *               {@link Generator}), image after image, row-major
     */
    public QualityScores score(float[] images, int n) {
        return score(images, n, null);
    }

    /**
     * Scores {@code n} samples; with {@code requestedLabels} (one digit 0..9 per sample, the label the conditional
     * generator was asked for) the scores include the label accuracy.
     */
    public synchronized QualityScores score(float[] images, int n, int[] requestedLabels) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 samples to score (a covariance), got " + n);
        }
        if (images == null || images.length != (long) n * GanSpec.IMAGE_PIXELS) {
            throw new IllegalArgumentException("need " + (long) n * GanSpec.IMAGE_PIXELS + " pixels for " + n
                    + " images, got " + (images == null ? "null" : images.length));
        }
        if (requestedLabels != null && requestedLabels.length != n) {
            throw new IllegalArgumentException("need one requested label per sample (" + n + "), got "
                    + requestedLabels.length);
        }
        int nonFinite = 0;
        for (float pixel : images) {
            if (!Float.isFinite(pixel)) {
                nonFinite++;
            }
        }
        if (nonFinite > 0) {
            throw new IllegalArgumentException(nonFinite + " of " + images.length + " pixels are NaN or infinite:"
                    + " the generator has diverged; there is nothing to score");
        }
        MnistClassifier.Classified classified = classifier.classify(images, n);
        double distance = frechet.to(classified.featureGaussian());
        LabelStatistics labels = LabelStatistics.of(classified, requestedLabels);
        return new QualityScores(distance, labels.inceptionScore(), labels.entropyBits(), labels.accuracy(), n, id);
    }

    /**
     * Scores a generator on {@code n} samples from the evaluation z ({@link EvaluationProtocol}), so that every
     * checkpoint is measured on the same z. A conditional generator draws every digit equally often
     * ({@code Labels.cycle}) and is scored on its label accuracy too.
     */
    public QualityScores score(Generator generator, int n) {
        float[] images = generate(generator, n);
        return generator.conditional() ? score(images, n, Labels.cycle(n, generator.classes())) : score(images, n);
    }

    /** {@code n} digits from the evaluation z, generated in chunks. */
    public static float[] generate(Generator generator, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        float[] z = EvaluationProtocol.latents(generator.latentSize(), n);
        float[] images = new float[n * GanSpec.IMAGE_PIXELS];
        int[] allLabels = generator.conditional() ? Labels.cycle(n, generator.classes()) : null;
        for (int start = 0; start < n; start += GENERATION_CHUNK) {
            int count = Math.min(GENERATION_CHUNK, n - start);
            float[] chunkZ = Arrays.copyOfRange(z, start * generator.latentSize(),
                    (start + count) * generator.latentSize());
            int[] labels = allLabels == null ? null : Arrays.copyOfRange(allLabels, start, start + count);
            System.arraycopy(generator.generate(chunkZ, labels, count), 0, images, start * GanSpec.IMAGE_PIXELS,
                    count * GanSpec.IMAGE_PIXELS);
        }
        return images;
    }
}
