package dev.digitgan.model.nets;

import static dev.digitgan.model.nets.GradientChecks.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

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

/** GanDenseLayer computes DL4J's dense layer results and only skips what the flags say nobody uses. */
class GanDenseLayerTest {

    private static final INDArray X;
    private static final INDArray Y;

    static {
        Nd4j.getRandom().setSeed(11);
        X = Nd4j.randn(DataType.FLOAT, 8, 5);
        Y = Nd4j.rand(DataType.FLOAT, 8, 1);
    }

    @Test
    void gradientsAndScoreEqualDl4jsDenseLayer() {
        for (Activation activation : new Activation[] {Activation.RELU, Activation.TANH, Activation.IDENTITY}) {
            MultiLayerNetwork reference = net(dense(5, 6, activation), dense(6, 4, activation), false);
            MultiLayerNetwork gan = net(GanDenseLayer.of(5, 6, activation), GanDenseLayer.of(6, 4, activation),
                    false);
            gan.setParams(reference.params().dup());
            Gradient expected = gradient(reference);
            Gradient actual = gradient(gan);
            // not bit-equal: the layer's forward product is one BLAS GEMM call, DL4J's an mmuli (other rounding)
            assertThat(gan.score()).as(activation.name()).isCloseTo(reference.score(),
                    org.assertj.core.data.Percentage.withPercentage(1e-4));
            assertClose(actual.gradient(), expected.gradient(), activation.name());
        }
    }

    @Test
    void aFirstLayerSkipsOnlyItsInputGradient() {
        GanDenseLayer first = GanDenseLayer.of(5, 6, Activation.RELU);
        first.setInputGradientNeeded(false);
        MultiLayerNetwork reference = net(dense(5, 6, Activation.RELU), dense(6, 4, Activation.RELU), false);
        MultiLayerNetwork gan = net(first, GanDenseLayer.of(6, 4, Activation.RELU), false);
        gan.setParams(reference.params().dup());
        assertClose(gradient(gan).gradient(), gradient(reference).gradient(), "first layer without input gradient");
    }

    @Test
    void frozenLayersPassTheSameGradientBackAndLeaveTheirParametersAlone() {
        GanDenseLayer frozenHidden = GanDenseLayer.of(6, 4, Activation.TANH);
        frozenHidden.setParametersFrozen(true);
        MultiLayerNetwork reference = net(dense(5, 6, Activation.RELU), dense(6, 4, Activation.TANH), true);
        MultiLayerNetwork gan = net(GanDenseLayer.of(5, 6, Activation.RELU), frozenHidden, true);
        gan.setParams(reference.params().dup());
        INDArray before = gan.params().dup();
        assertClose(gradient(gan).gradient(), gradient(reference).gradient(), "frozen");

        gan.fit(X, Y);
        reference.fit(X, Y);
        assertClose(gan.params(), reference.params(), "after a fit");
        long firstLayer = 5 * 6 + 6;
        long frozenLayer = 6 * 4 + 4;
        assertThat(slice(gan.params(), firstLayer, firstLayer + frozenLayer))
                .isEqualTo(slice(before, firstLayer, firstLayer + frozenLayer));
        assertThat(slice(gan.params(), 0, firstLayer)).isNotEqualTo(slice(before, 0, firstLayer));
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    @Test
    void flagsSurviveJson() {
        GanDenseLayer layer = GanDenseLayer.of(5, 6, Activation.RELU);
        layer.setInputGradientNeeded(false);
        layer.setParametersFrozen(true);
        MultiLayerNetwork net = net(layer, GanDenseLayer.of(6, 4, Activation.RELU), false);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        GanDenseLayer read = (GanDenseLayer) copy.getConf(0).getLayer();
        assertThat(read.isInputGradientNeeded()).isFalse();
        assertThat(read.isParametersFrozen()).isTrue();
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    private static Layer dense(int in, int out, Activation activation) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(activation).build();
    }

    /** Two hidden layers (the second optionally frozen) and a sigmoid output, like D. */
    private static MultiLayerNetwork net(Layer first, Layer second, boolean freezeSecond) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(first)
                .layer(freezeSecond ? new FrozenLayerWithBackprop(second) : second)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(4).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Gradient gradient(MultiLayerNetwork net) {
        return GradientChecks.gradient(net, X, Y);
    }
}
