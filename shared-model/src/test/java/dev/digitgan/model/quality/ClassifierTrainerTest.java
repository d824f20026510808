package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * The classifier's training is reproducible (what lets scripts/train-classifier.sh re-make the shipped weights)
 * and its weights file round-trips. Trains on a slice of MNIST for a few seconds.
 */
class ClassifierTrainerTest {

    private static final ClassifierTrainer.Recipe SHORT = new ClassifierTrainer.Recipe(7, 1, 64, 1e-3, 0.8, 2);

    @Test
    void theSameRecipeGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        MnistDataset slice = QualityTestData.load(MnistSplit.TRAIN).first(320);
        byte[] first = ClassifierWeights.encode(ClassifierTrainer.train(slice, SHORT, line -> { }));
        byte[] second = ClassifierWeights.encode(ClassifierTrainer.train(slice, SHORT, line -> { }));
        assertThat(Arrays.equals(first, second)).as("same recipe, same weights").isTrue();

        ClassifierTrainer.Recipe otherSeed = new ClassifierTrainer.Recipe(8, 1, 64, 1e-3, 0.8, 2);
        byte[] third = ClassifierWeights.encode(ClassifierTrainer.train(slice, otherSeed, line -> { }));
        assertThat(Arrays.equals(first, third)).as("other seed, other weights").isFalse();
    }

    @Test
    void aFewStepsAlreadyLearnSomething() {
        MnistDataset slice = QualityTestData.load(MnistSplit.TRAIN).first(1_280);
        MultiLayerNetwork net = ClassifierTrainer.train(slice, new ClassifierTrainer.Recipe(7, 2, 64, 2e-3, 1, 0),
                line -> { });
        MnistDataset test = QualityTestData.load(MnistSplit.TEST).first(1_000);
        // chance is 10 %; 40 steps of 64 images reach well over half
        assertThat(new MnistClassifier(net).accuracy(test)).isGreaterThan(0.5);
    }

    @Test
    void weightsRoundTripToTheSameOutputs() {
        MultiLayerNetwork net = ClassifierNetwork.forTraining(3, new FixedSchedule(1e-3));
        MnistClassifier original = new MnistClassifier(net);
        MnistClassifier loaded = new MnistClassifier(ClassifierWeights.decode(ClassifierWeights.encode(net)));
        float[] images = CalibrationSets.uniformNoise(3, 1);
        MnistClassifier.Classified a = original.classify(images, 3);
        MnistClassifier.Classified b = loaded.classify(images, 3);
        assertThat(b.features()).containsExactly(a.features());
        assertThat(b.probabilities()).containsExactly(a.probabilities());
    }

    @Test
    void weightsOfTheWrongLengthOrWithNaNAreRefused() {
        byte[] weights = ClassifierWeights.encode(ClassifierNetwork.forInference());
        assertThatThrownBy(() -> ClassifierWeights.decode(Arrays.copyOf(weights, weights.length - 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32 parameters");
        byte[] nan = weights.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        assertThatThrownBy(() -> ClassifierWeights.decode(nan)).hasMessageContaining("non-finite");
    }

    @Test
    void shiftingMovesInkAndFillsWithBackground() {
        float[] image = new float[784];
        Arrays.fill(image, -1f);
        image[10 * 28 + 10] = 1f;
        float[] out = new float[784];
        ClassifierTrainer.shift(image, 0, out, 0, 2, -1);
        assertThat(out[9 * 28 + 12]).isEqualTo(1f);
        assertThat(out[10 * 28 + 10]).isEqualTo(-1f);
        float sum = 0;
        for (float v : out) {
            sum += v;
        }
        assertThat(sum).isEqualTo(-782f);
    }
}
