package dev.digitgan.model.bench;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.EpochBatches;
import java.util.Iterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small MNIST digit classifier used to score generated images without looking at them: the "MNIST score", the
 * Inception-Score analogue exp(E_x KL(p(y|x) || p(y))). It is 1 for noise or a single repeated digit and approaches
 * 10 for confident, evenly spread digits of all classes. Real MNIST test images do not reach 10 either:
 * {@link PresetTrial} prints their score with the same classifier (7.9 when the presets were chosen, the figure the
 * README and {@code Presets} compare against). Also reports how confident the classifier is and how many classes occur.
 */
public final class DigitClassifier {

    private final MultiLayerNetwork net;

    private DigitClassifier(MultiLayerNetwork net) {
        this.net = net;
    }

    /** Trains for {@code epochs} on {@code train} (about 97-98% test accuracy after 2 epochs). */
    public static DigitClassifier train(MnistDataset train, int epochs, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(GanSpec.IMAGE_PIXELS).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        EpochBatches batches = new EpochBatches(train, 128, seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = batches.order(epoch);
            Iterator<INDArray> it = batches.epoch(epoch, 0);
            int batch = 0;
            while (it.hasNext()) {
                INDArray x = it.next();
                INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
                for (int r = 0; r < 128; r++) {
                    y.putScalar(r, train.label(order[batch * 128 + r]), 1f);
                }
                net.fit(x, y);
                batch++;
            }
        }
        return new DigitClassifier(net);
    }

    public double accuracy(MnistDataset test) {
        INDArray p = net.output(Nd4j.create(test.images(), new long[] {test.size(), GanSpec.IMAGE_PIXELS}, 'c'));
        INDArray predicted = p.argMax(1);
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            if (predicted.getInt(i) == test.label(i)) {
                correct++;
            }
        }
        return correct / (double) test.size();
    }

    /** Score of {@code n} images ({@code n * 784} pixels in [-1, 1]). */
    public Score score(float[] images, int n) {
        INDArray p = net.output(Nd4j.create(images, new long[] {n, GanSpec.IMAGE_PIXELS}, 'c'));
        double[] marginal = new double[10];
        int[] argmax = new int[10];
        double confidence = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 0; c < 10; c++) {
                double v = p.getDouble(i, c);
                marginal[c] += v / n;
                if (v > p.getDouble(i, best)) {
                    best = c;
                }
            }
            argmax[best]++;
            confidence += p.getDouble(i, best) / n;
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 10; c++) {
                double v = p.getDouble(i, c);
                if (v > 1e-12) {
                    kl += v * Math.log(v / marginal[c]) / n;
                }
            }
        }
        int classes = 0;
        for (int count : argmax) {
            if (count >= n / 100) {
                classes++;
            }
        }
        return new Score(Math.exp(kl), confidence, classes);
    }

    /**
     * @param mnistScore exp(E KL(p(y|x) || p(y))), 1..10
     * @param confidence mean top-class probability
     * @param classes    digits that are the top class of at least 1% of the images
     */
    public record Score(double mnistScore, double confidence, int classes) {
    }
}
