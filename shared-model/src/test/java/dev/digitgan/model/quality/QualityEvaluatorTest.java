package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped evaluator on real MNIST: its classifier is at least 99 % accurate, its shipped test-set statistics are
 * what it computes, and it ranks real digits above blurred ones above noise (the calibration table's ordering, at
 * the checkpoint N instead of 10,000 so it runs in seconds). Needs MNIST and fails without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityEvaluatorTest {

    private static final int N = EvaluationProtocol.CHECKPOINT_SAMPLES;

    private QualityEvaluator evaluator;
    private MnistDataset train;
    private MnistDataset test;
    private MnistClassifier.Classified testSet;

    private QualityEvaluator evaluator() {
        if (evaluator == null) {
            evaluator = QualityEvaluator.shipped();
        }
        return evaluator;
    }

    private MnistDataset train() {
        if (train == null) {
            train = QualityTestData.load(MnistSplit.TRAIN);
        }
        return train;
    }

    /** The shipped classifier's view of the whole test set, shared by the tests that need it. */
    private MnistClassifier.Classified testSet() {
        if (testSet == null) {
            MnistClassifier classifier = new MnistClassifier(
                    ClassifierWeights.decode(QualityResources.read(QualityResources.WEIGHTS)));
            testSet = classifier.classify(test().images(), test().size());
        }
        return testSet;
    }

    private MnistDataset test() {
        if (test == null) {
            test = QualityTestData.load(MnistSplit.TEST);
        }
        return test;
    }

    @Test
    void theShippedClassifierIsAtLeast99PercentAccurateOnTheTestSet() {
        int correct = 0;
        for (int i = 0; i < test().size(); i++) {
            if (testSet().predicted(i) == test().label(i)) {
                correct++;
            }
        }
        assertThat(correct / (double) test().size()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void theShippedTestStatisticsAreWhatTheShippedClassifierComputes() {
        MnistDataset test = test();
        FeatureGaussian computed = testSet().featureGaussian();
        FeatureGaussian shipped = FeatureGaussian.decode(QualityResources.read(QualityResources.TEST_FEATURES),
                ClassifierNetwork.FEATURES);
        assertThat(shipped.count()).isEqualTo(test.size());
        assertThat(shipped.mean()).containsExactly(computed.mean(), within(1e-5));
        assertThat(shipped.covariance()).containsExactly(computed.covariance(), within(1e-5));
        // and the test set scores itself at (almost) zero
        assertThat(evaluator().score(test.images(), test.size()).frechetDistance()).isLessThan(1e-6);
    }

    @Test
    void ranksRealDigitsAboveBlurredAboveMoreBlurredAboveNoise() {
        float[] real = CalibrationSets.real(train(), N);
        QualityScores realScores = evaluator().score(real, N);
        QualityScores blurHalf = evaluator().score(CalibrationSets.blurred(real, 0.5), N);
        QualityScores blurOne = evaluator().score(CalibrationSets.blurred(real, 1.0), N);
        QualityScores noise = evaluator().score(CalibrationSets.uniformNoise(N, 1), N);

        assertThat(realScores.frechetDistance()).isLessThan(blurHalf.frechetDistance());
        assertThat(blurHalf.frechetDistance()).isLessThan(blurOne.frechetDistance());
        assertThat(blurOne.frechetDistance()).isLessThan(noise.frechetDistance());

        // real digits: confident and evenly spread; noise is neither
        assertThat(realScores.inceptionScore()).isGreaterThan(9);
        assertThat(realScores.labelEntropyBits()).isGreaterThan(3.25);
        assertThat(noise.inceptionScore()).isLessThan(realScores.inceptionScore() / 2);
        assertThat(realScores.samples()).isEqualTo(N);
        assertThat(realScores.labelAccuracy()).isNull();
        assertThat(realScores.evaluator()).isEqualTo(evaluator().id()).startsWith("mnist-cnn-");
    }

    @Test
    void oneClassHasLowEntropyAndAFarLargerDistanceThanAllClasses() {
        QualityScores all = evaluator().score(CalibrationSets.real(train(), N), N);
        QualityScores threes = evaluator().score(CalibrationSets.oneClass(train(), 3, N), N);
        assertThat(threes.labelEntropyBits()).isLessThan(0.3);
        assertThat(threes.inceptionScore()).isLessThan(1.5);
        assertThat(threes.frechetDistance()).isGreaterThan(10 * all.frechetDistance());
    }

    @Test
    void labelAccuracyIsHighForTrueLabelsAndChanceForShuffledOnes() {
        float[] real = CalibrationSets.real(train(), N);
        int[] labels = CalibrationSets.labels(train(), N);
        assertThat(evaluator().score(real, N, labels).labelAccuracy()).isGreaterThan(0.98);
        assertThat(evaluator().score(real, N, CalibrationSets.shuffled(labels, 3)).labelAccuracy())
                .isBetween(0.06, 0.14);
    }

    @Test
    void aGeneratorIsScoredOnTheFixedEvaluationZ() {
        Generator untrained = new Generator(GanNetworks.generator(Presets.mlp()));
        QualityScores first = evaluator().score(untrained, 500);
        QualityScores second = evaluator().score(untrained, 500);
        assertThat(second).isEqualTo(first);
        QualityScores real = evaluator().score(CalibrationSets.real(train(), 500), 500);
        assertThat(first.frechetDistance()).isGreaterThan(10 * real.frechetDistance());
    }

    @Test
    void refusesNonFinitePixelsAndMismatchedInputs() {
        float[] images = CalibrationSets.uniformNoise(4, 2);
        images[5] = Float.NaN;
        assertThatThrownBy(() -> evaluator().score(images, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 of 3136 pixels");
        assertThatThrownBy(() -> evaluator().score(new float[784], 2)).hasMessageContaining("1568 pixels");
        assertThatThrownBy(() -> evaluator().score(new float[784], 1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> evaluator().score(new float[1568], 2, new int[] {1}))
                .hasMessageContaining("one requested label per sample");
    }
}
