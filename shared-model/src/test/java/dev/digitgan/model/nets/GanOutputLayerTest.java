package dev.digitgan.model.nets;

import static dev.digitgan.model.nets.GradientChecks.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.spec.AdversarialLoss;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** GanOutputLayer computes DL4J's output layer's score and gradients, and skips a frozen layer's own gradients. */
class GanOutputLayerTest {

    private static final int BATCH = 8;
    private static final int IN = 5;
    private static final int HIDDEN = 6;
    private static final INDArray X;
    private static final INDArray REAL_OR_FAKE;
    private static final INDArray WITH_CLASSES;

    static {
        Nd4j.getRandom().setSeed(17);
        X = Nd4j.randn(DataType.FLOAT, BATCH, IN);
        REAL_OR_FAKE = Nd4j.rand(DataType.FLOAT, BATCH, 1);
        // column 0 the real/fake target, then a one-hot class out of 3
        WITH_CLASSES = Nd4j.zeros(DataType.FLOAT, BATCH, 4);
        for (int i = 0; i < BATCH; i++) {
            WITH_CLASSES.putScalar(i, 0, i % 2);
            WITH_CLASSES.putScalar(i, 1 + i % 3, 1);
        }
    }

    /** D's three outputs: sigmoid with cross-entropy, a plain score with squared error, and AC-GAN's logits. */
    private static OutputLayer.Builder[] outputs() {
        return new OutputLayer.Builder[] {
            new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(HIDDEN).nOut(1).activation(Activation.SIGMOID),
            new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(1).activation(Activation.IDENTITY),
            new OutputLayer.Builder(new AuxiliaryClassifierLoss(AdversarialLoss.CROSS_ENTROPY)).nIn(HIDDEN).nOut(4)
                    .activation(Activation.IDENTITY),
        };
    }

    @Test
    void scoreAndGradientsEqualDl4jsOutputLayer() {
        for (OutputLayer.Builder output : outputs()) {
            String what = output.build().getLossFn().toString();
            INDArray labels = labels(output);
            MultiLayerNetwork reference = net(output.build(), false);
            MultiLayerNetwork ours = net(GanOutputLayer.of(output), false);
            ours.setParams(reference.params().dup());
            Gradient expected = gradient(reference, labels);
            Gradient actual = gradient(ours, labels);
            assertThat(ours.score()).as(what).isCloseTo(reference.score(),
                    org.assertj.core.data.Percentage.withPercentage(1e-4));
            // the hidden layer's gradient is the output layer's input gradient passed back
            assertClose(actual.gradient(), expected.gradient(), what);
        }
    }

    @Test
    void aFrozenOutputLayerPassesTheSameGradientBackAndLeavesItsParametersAlone() {
        for (OutputLayer.Builder output : outputs()) {
            String what = output.build().getLossFn().toString();
            INDArray labels = labels(output);
            GanOutputLayer frozen = GanOutputLayer.of(output);
            frozen.setParametersFrozen(true);
            MultiLayerNetwork reference = net(output.build(), true);
            MultiLayerNetwork ours = net(frozen, true);
            ours.setParams(reference.params().dup());
            INDArray before = ours.params().dup();
            assertClose(gradient(ours, labels).gradient(), gradient(reference, labels).gradient(), what);

            ours.fit(X, labels);
            reference.fit(X, labels);
            assertClose(ours.params(), reference.params(), what + ", after a fit");
            long hidden = (long) IN * HIDDEN + HIDDEN;
            assertThat(slice(ours.params(), hidden, ours.numParams())).as(what)
                    .isEqualTo(slice(before, hidden, ours.numParams()));
            assertThat(slice(ours.params(), 0, hidden)).as(what).isNotEqualTo(slice(before, 0, hidden));
        }
    }

    @Test
    void theFlagSurvivesJson() {
        GanOutputLayer layer = GanOutputLayer.of(outputs()[0]);
        layer.setParametersFrozen(true);
        MultiLayerNetwork net = net(layer, true);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        Layer read = ((FrozenLayerWithBackprop) copy.getConf(1).getLayer()).getUnderlying();
        assertThat(read).isInstanceOf(GanOutputLayer.class);
        assertThat(((GanOutputLayer) read).isParametersFrozen()).isTrue();
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    private static INDArray labels(OutputLayer.Builder output) {
        return output.build().getNOut() == 1 ? REAL_OR_FAKE : WITH_CLASSES;
    }

    /** A trained ReLU layer and the output layer, frozen (as in the stacked network) or not. */
    private static MultiLayerNetwork net(Layer output, boolean freezeOutput) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(freezeOutput ? new FrozenLayerWithBackprop(output) : output)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    private static Gradient gradient(MultiLayerNetwork net, INDArray labels) {
        return GradientChecks.gradient(net, X, labels);
    }
}
