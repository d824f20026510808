package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluator's classifier at inference: for each image its {@value ClassifierNetwork#FEATURES} features and its
 * 10 class probabilities. Not thread-safe (a DL4J network keeps per-call state).
 */
final class MnistClassifier {

    /** Images per forward pass: 500 keep the first convolution's activations near 6 MB. */
    static final int CHUNK = 500;

    private final MultiLayerNetwork net;

    MnistClassifier(MultiLayerNetwork net) {
        this.net = net;
    }

    MultiLayerNetwork network() {
        return net;
    }

    /**
     * @param images {@code n * 784} pixels in [-1, 1] (the project's convention: {@link MnistDataset}, generator
     *               output)
     */
    Classified classify(float[] images, int n) {
        if (n <= 0 || images.length != (long) n * GanSpec.IMAGE_PIXELS) {
            throw new IllegalArgumentException("need n > 0 and n * " + GanSpec.IMAGE_PIXELS + " pixels, got n = " + n
                    + " and " + images.length + " values");
        }
        int features = ClassifierNetwork.FEATURES;
        int classes = ClassifierNetwork.CLASSES;
        float[] allFeatures = new float[n * features];
        float[] allProbabilities = new float[n * classes];
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            INDArray x = Nd4j.create(Arrays.copyOfRange(images, start * GanSpec.IMAGE_PIXELS,
                    (start + count) * GanSpec.IMAGE_PIXELS), new long[] {count, GanSpec.IMAGE_PIXELS}, 'c');
            List<INDArray> activations = net.feedForward(x, false);
            copy(activations.get(ClassifierNetwork.FEATURE_LAYER + 1), allFeatures, start * features);
            copy(activations.get(activations.size() - 1), allProbabilities, start * classes);
        }
        return new Classified(n, allFeatures, allProbabilities);
    }

    /** Share of {@code data}'s images whose most probable class is their label. */
    double accuracy(MnistDataset data) {
        Classified result = classify(data.images(), data.size());
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            if (result.predicted(i) == data.label(i)) {
                correct++;
            }
        }
        return correct / (double) data.size();
    }

    private static void copy(INDArray activations, float[] target, int offset) {
        float[] values = activations.dup('c').data().asFloat();
        System.arraycopy(values, 0, target, offset, values.length);
    }

    /**
     * @param features      {@code n * 84}, image after image
     * @param probabilities {@code n * 10}, image after image
     */
    record Classified(int n, float[] features, float[] probabilities) {

        int predicted(int image) {
            int classes = ClassifierNetwork.CLASSES;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[image * classes + c] > probabilities[image * classes + best]) {
                    best = c;
                }
            }
            return best;
        }

        FeatureGaussian featureGaussian() {
            return FeatureGaussian.of(features, n, ClassifierNetwork.FEATURES);
        }
    }
}
