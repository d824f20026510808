package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The native-op convolution computes what DL4J's built-in convolution computes, forwards and backwards, and its
 * flags skip only the gradients they name.
 */
class NativeConvolutionLayerTest {

    @Test
    void sameOutputsAndGradientsAsTheBuiltInLayer() {
        for (int stride : new int[] {1, 2}) {
            MultiLayerNetwork builtIn = net(new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nIn(3).nOut(4)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build());
            MultiLayerNetwork nativeOps = net(new NativeConvolutionLayer(new ConvolutionLayer.Builder(3, 3)
                    .stride(stride, stride).nIn(3).nOut(4).convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.TANH)));
            nativeOps.setParams(builtIn.params().dup());
            assertThat(nativeOps.getLayer(0)).isInstanceOf(NativeConvolutionLayer.Runtime.class);

            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 10, 10);
            INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);
            assertClose(nativeOps.output(x, false), builtIn.output(x, false), "output, stride " + stride);

            builtIn.setInput(x);
            builtIn.setLabels(y);
            builtIn.computeGradientAndScore();
            nativeOps.setInput(x);
            nativeOps.setLabels(y);
            nativeOps.computeGradientAndScore();
            assertClose(nativeOps.gradient().gradient(), builtIn.gradient().gradient(), "gradient, stride " + stride);
        }
    }

    @Test
    void aFirstLayerComputesTheBuiltInWeightGradientsAndOnlyZerosForItsInput() {
        for (int channels : new int[] {1, 3}) {
            NativeConvolutionLayer first = new NativeConvolutionLayer(discriminatorConv(channels));
            first.setInputGradientNeeded(false);
            MultiLayerNetwork builtIn = net(discriminatorConv(channels).build(), channels);
            MultiLayerNetwork nativeOps = net(first, channels);
            nativeOps.setParams(builtIn.params().dup());
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, channels, 10, 10);
            INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);

            assertRelativelyClose(backprop(nativeOps, x, y).gradient(), backprop(builtIn, x, y).gradient(),
                    "gradient, " + channels + " input channels");

            org.deeplearning4j.nn.api.Layer layer = nativeOps.getLayer(0);
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            layer.setInput(x, noWorkspaces);
            INDArray out = layer.activate(true, noWorkspaces);
            INDArray inputGradient = layer.backpropGradient(Nd4j.onesLike(out), noWorkspaces).getSecond();
            assertThat(inputGradient.shape()).containsExactly(x.shape());
            assertThat(inputGradient.amaxNumber().doubleValue()).as("input gradient not computed").isZero();
        }
    }

    @Test
    void aFrozenLayerPassesTheBuiltInGradientBackComputesNoWeightGradientAndKeepsItsParameters() {
        NativeConvolutionLayer frozen = new NativeConvolutionLayer(discriminatorConv(4));
        frozen.setParametersFrozen(true);
        MultiLayerNetwork builtIn = twoConvs(discriminatorConv(4).build());
        MultiLayerNetwork nativeOps = twoConvs(frozen);
        nativeOps.setParams(builtIn.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 10, 10);
        INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);

        assertRelativelyClose(backprop(nativeOps, x, y).gradient(), backprop(builtIn, x, y).gradient(),
                "gradient (the first layer's depends on the input gradient the frozen layer passes back)");

        // DL4J's wrapper zeroes the gradient view after its layer's backprop; the layer itself must not write it
        org.deeplearning4j.nn.api.Layer layer = ((org.deeplearning4j.nn.layers.FrozenLayerWithBackprop) nativeOps
                .getLayer(1)).getInsideLayer();
        INDArray gradientView = layer.getGradientsViewArray();
        gradientView.assign(7);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(nativeOps.getLayer(0).activate(x, true, noWorkspaces), noWorkspaces);
        INDArray out = layer.activate(false, noWorkspaces);
        Pair<Gradient, INDArray> pass = layer.backpropGradient(Nd4j.onesLike(out), noWorkspaces);
        assertThat(pass.getFirst().gradientForVariable()).as("weight gradients of the frozen layer").isEmpty();
        assertThat(pass.getSecond()).as("input gradient").isNotNull();
        assertThat(gradientView.minNumber().doubleValue()).as("gradient view never written").isEqualTo(7.0);
        assertThat(gradientView.maxNumber().doubleValue()).as("gradient view never written").isEqualTo(7.0);

        INDArray frozenBefore = nativeOps.getLayer(1).params().dup();
        INDArray firstBefore = nativeOps.getLayer(0).params().dup();
        nativeOps.fit(x, y);
        assertThat(nativeOps.getLayer(1).params()).isEqualTo(frozenBefore);
        assertThat(nativeOps.getLayer(0).params()).isNotEqualTo(firstBefore);
    }

    /** D's first layer frozen in the G step: one input channel, 5x5, stride 2, at 10x10 and at MNIST's 28x28. */
    @Test
    void aFrozenOneInputChannelLayerPassesTheBuiltInGradientBack() {
        for (int side : new int[] {10, 28}) {
            NativeConvolutionLayer frozen = new NativeConvolutionLayer(discriminatorConv(1));
            frozen.setParametersFrozen(true);
            MultiLayerNetwork builtIn = behindAOneChannelConv(discriminatorConv(1).build(), side);
            MultiLayerNetwork nativeOps = behindAOneChannelConv(frozen, side);
            nativeOps.setParams(builtIn.params().dup());
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3, side, side).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, 5, 2);
            assertRelativelyClose(backprop(nativeOps, x, y).gradient(), backprop(builtIn, x, y).gradient(),
                    "gradient at side " + side + " (the first layer's comes through the frozen input gradient)");
        }
    }

    /** A trainable 3 → 1 channel convolution, then {@code second} frozen, then the output layer. */
    private static MultiLayerNetwork behindAOneChannelConv(Layer second, int side) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new FrozenLayerWithBackprop(second))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(side, side, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void itsLeakyReluGivesDl4jsFloatsBitForBitInEveryRole() {
        for (String role : new String[] {"trainable", "first", "frozen"}) {
            MultiLayerNetwork fast = leakyReluNet(role, true);
            MultiLayerNetwork reference = leakyReluNet(role, false);
            // one output channel with zero weights and bias: z = 0 exactly there, where lrelu_bp's derivative is 1
            INDArray params = fast.params().dup();
            fast.setParams(params);
            fast.getLayer(1).getParam("W").get(NDArrayIndex.point(0)).assign(0);
            fast.getLayer(1).getParam("b").assign(0);
            reference.setParams(fast.params().dup());
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 10, 10).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);

            assertBitIdentical(fast.output(x, false), reference.output(x, false), role + ": inference output");
            Gradient expected = backprop(reference, x, y);
            Gradient actual = backprop(fast, x, y);
            assertThat(fast.score()).as(role + ": score").isEqualTo(reference.score());
            for (String key : expected.gradientForVariable().keySet()) {
                // the reference's ActivationLayer is one layer more: its output layer is index 3, not 2
                String fastKey = key.startsWith("3_") ? "2_" + key.substring(2) : key;
                if (role.equals("frozen") && key.startsWith("1_")) {
                    continue;
                }
                assertBitIdentical(actual.getGradientFor(fastKey), expected.getGradientFor(key), role + ": " + key);
            }
        }
    }

    /**
     * A trainable convolution, then the one under test in {@code role} (LeakyReLU 0.2 in the layer, or identity
     * followed by DL4J's own LeakyReLU as an ActivationLayer), then the output layer.
     */
    private static MultiLayerNetwork leakyReluNet(String role, boolean inLayer) {
        NativeConvolutionLayer conv = new NativeConvolutionLayer(new ConvolutionLayer.Builder(5, 5).stride(2, 2)
                .nIn(4).nOut(4).convolutionMode(ConvolutionMode.Same)
                .activation(inLayer ? new ActivationLReLU(0.2) : new ActivationIdentity()));
        conv.setParametersFrozen(role.equals("frozen"));
        NativeConvolutionLayer first = new NativeConvolutionLayer(new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(4)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH));
        if (role.equals("first")) {
            first.setInputGradientNeeded(false);
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Sgd(0.1)).list()
                .layer(first)
                .layer(role.equals("frozen") ? new FrozenLayerWithBackprop(conv) : conv);
        if (!inLayer) {
            list.layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.2)).build());
        }
        MultiLayerConfiguration conf = list
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(10, 10, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void assertBitIdentical(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        assertThat(actual.dup('c').data().asFloat()).as(what).containsExactly(expected.dup('c').data().asFloat());
        assertThat(expected.amaxNumber().doubleValue()).as(what + " not trivially zero").isGreaterThan(1e-6);
    }

    @Test
    void flagsSurviveJson() {
        NativeConvolutionLayer layer = new NativeConvolutionLayer(discriminatorConv(1));
        layer.setInputGradientNeeded(false);
        layer.setParametersFrozen(true);
        MultiLayerNetwork net = net(layer, 1);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        NativeConvolutionLayer read = (NativeConvolutionLayer) copy.getConf(0).getLayer();
        assertThat(read.isInputGradientNeeded()).isFalse();
        assertThat(read.isParametersFrozen()).isTrue();
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    /** D's kind of convolution: 5x5, stride 2, same padding, LeakyReLU 0.2. */
    private static ConvolutionLayer.Builder discriminatorConv(int in) {
        return new ConvolutionLayer.Builder(5, 5).stride(2, 2).nIn(in).nOut(4).convolutionMode(ConvolutionMode.Same)
                .activation(new ActivationLReLU(0.2));
    }

    /** A trainable built-in convolution, then {@code second} frozen, then the output layer: D inside G+D. */
    private static MultiLayerNetwork twoConvs(Layer second) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new FrozenLayerWithBackprop(second))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(10, 10, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Gradient backprop(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient();
    }

    @Test
    void aSingleOutputChannelLayerComputesTheBuiltInGradients() {
        for (int kernel : new int[] {3, 5}) {
            MultiLayerNetwork builtIn = net(singleChannel(kernel).build());
            MultiLayerNetwork nativeOps = net(new NativeConvolutionLayer(singleChannel(kernel)));
            nativeOps.setParams(builtIn.params().dup());
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 10, 10).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);
            assertRelativelyClose(backprop(nativeOps, x, y).gradient(), backprop(builtIn, x, y).gradient(),
                    "gradient, one output channel, kernel " + kernel);
        }
    }

    /**
     * As G's last layer, behind a trainable layer: its output, and the gradients of both layers (the first one's
     * come through this layer's input gradient), in training and inference, at G's 28x28 size too.
     */
    @Test
    void aSingleOutputChannelLayerPassesTheBuiltInOutputAndInputGradientBack() {
        for (int[] sizes : new int[][] {{3, 10}, {5, 10}, {3, 28}}) {
            int kernel = sizes[0];
            int side = sizes[1];
            MultiLayerNetwork builtIn = behindAConv(new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(3)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build(),
                    singleChannel(kernel).build(), side);
            // the native layer before: its output is a plain c-order array, as the upsampling before G's last is
            MultiLayerNetwork nativeOps = behindAConv(new NativeConvolutionLayer(new ConvolutionLayer.Builder(3, 3)
                    .nIn(3).nOut(3).convolutionMode(ConvolutionMode.Same).activation(Activation.TANH)),
                    new NativeConvolutionLayer(singleChannel(kernel)), side);
            nativeOps.setParams(builtIn.params().dup());
            String what = "kernel " + kernel + ", side " + side;
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, side, side).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, 6, 2);
            assertRelativelyClose(nativeOps.output(x, false), builtIn.output(x, false), "inference output, " + what);
            assertRelativelyClose(nativeOps.output(x, true), builtIn.output(x, true), "training output, " + what);
            Gradient expected = backprop(builtIn, x, y);
            Gradient actual = backprop(nativeOps, x, y);
            assertRelativelyClose(actual.getGradientFor("0_W"), expected.getGradientFor("0_W"),
                    "the layer before's weight gradient, " + what);
            assertRelativelyClose(actual.gradient(), expected.gradient(), "all gradients, " + what);
        }
    }

    private static MultiLayerNetwork behindAConv(Layer before, Layer singleChannel, int side) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(before)
                .layer(singleChannel)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(side, side, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Like G's last layer: one output channel, stride 1, same padding, tanh. */
    private static ConvolutionLayer.Builder singleChannel(int kernel) {
        return new ConvolutionLayer.Builder(kernel, kernel).nIn(3).nOut(1).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH);
    }

    @Test
    void survivesJsonLikeAnyLayer() {
        MultiLayerNetwork net = net(new NativeConvolutionLayer(new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(4)));
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(copy.getConf(0).getLayer()).isInstanceOf(NativeConvolutionLayer.class);
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    private static MultiLayerNetwork net(Layer conv) {
        return net(conv, 3);
    }

    private static MultiLayerNetwork net(Layer conv, int channels) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(conv)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(10, 10, channels)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Within 1e-5 of the largest expected magnitude (float rounding of sums in another order). */
    private static void assertRelativelyClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).as(what + " not trivially zero").isGreaterThan(1e-4);
        assertThat(actual.sub(expected).amaxNumber().doubleValue() / scale).as(what + " max |diff| / max |expected|")
                .isLessThan(1e-5);
    }

    private static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double maxDiff = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(maxDiff).as(what + " max |diff|").isLessThan(1e-4);
        assertThat(expected.amaxNumber().doubleValue()).as(what + " not trivially zero").isGreaterThan(1e-3);
    }
}
