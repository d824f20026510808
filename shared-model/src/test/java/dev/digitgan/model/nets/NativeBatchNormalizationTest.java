package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The native batch norm computes what DL4J's Java path computes, running statistics included. */
class NativeBatchNormalizationTest {

    @Test
    void sameOutputsGradientsAndRunningStatisticsAsDl4jsPath() {
        for (boolean convolutional : new boolean[] {true, false}) {
            String what = convolutional ? "[n, 4, 6, 6]" : "[n, 12] (the flat path)";
            MultiLayerNetwork reference = net(new BatchNormalization.Builder().build(), convolutional);
            MultiLayerNetwork nativeOps = net(new NativeBatchNormalization(), convolutional);
            nativeOps.setParams(reference.params().dup());
            assertThat(nativeOps.getLayer(0).getHelper()).isInstanceOf(NativeBatchNormalization.NativeOpHelper.class);
            assertThat(reference.getLayer(0).getHelper()).as("DL4J's own layer on this CPU backend").isNull();
            Nd4j.getRandom().setSeed(9);
            INDArray x = convolutional ? Nd4j.randn(DataType.FLOAT, 8, 4, 6, 6).muli(3).addi(1)
                    : Nd4j.randn(DataType.FLOAT, 8, 12).muli(3).addi(1);
            INDArray y = Nd4j.rand(DataType.FLOAT, 8, 2);

            assertRelativelyClose(nativeOps.output(x, true), reference.output(x, true), what + ", training output");
            assertRelativelyClose(gradient(nativeOps, x, y), gradient(reference, x, y), what + ", gradient");
            for (int i = 0; i < 3; i++) {
                reference.fit(x, y);
                nativeOps.fit(x, y);
            }
            // gamma, beta, running mean and running variance, then the output layer
            assertRelativelyClose(nativeOps.params(), reference.params(), what + ", parameters after 3 fits");
            assertRelativelyClose(nativeOps.output(x, false), reference.output(x, false), what + ", inference output");
        }
    }

    @Test
    void flatInputGivesDl4jsOutputsGradientsAndRunningStatisticsBatchAfterBatch() {
        // 300 columns: more than the vector width of any loop; 37 rows: odd. The dense layer before the batch norm
        // makes the input gradient count: its weight gradients are made of it.
        for (int[] size : new int[][] {{37, 300}, {256, 64}}) {
            int rows = size[0];
            int columns = size[1];
            String what = "[" + rows + ", " + columns + "]";
            MultiLayerNetwork reference = flatNet(new BatchNormalization.Builder().build(), columns);
            MultiLayerNetwork ours = flatNet(new NativeBatchNormalization(), columns);
            ours.setParams(reference.params().dup());
            NativeBatchNormalization.Runtime flat = (NativeBatchNormalization.Runtime) ours.getLayer(1);
            assertThat(reference.getLayer(1)).isNotInstanceOf(NativeBatchNormalization.Runtime.class);
            Nd4j.getRandom().setSeed(11);
            for (int batch = 0; batch < 4; batch++) {
                String at = what + ", batch " + batch;
                INDArray x = Nd4j.randn(DataType.FLOAT, rows, 10).muli(2).addi(batch);
                INDArray y = Nd4j.rand(DataType.FLOAT, rows, 3);
                assertRelativelyClose(ours.output(x, true), reference.output(x, true), at + ", training output");
                assertThat(flat.flatPathTaken()).as(at + ": the flat path ran").isTrue();
                // gamma, beta, the running statistics' updates and the input gradient (through the dense weights)
                Pair<Gradient, INDArray> expected = reference.calculateGradients(x, y, null, null);
                Pair<Gradient, INDArray> actual = ours.calculateGradients(x, y, null, null);
                for (String name : expected.getFirst().gradientForVariable().keySet()) {
                    assertRelativelyClose(actual.getFirst().getGradientFor(name),
                            expected.getFirst().getGradientFor(name), at + ", gradient of " + name);
                }
                assertRelativelyClose(actual.getSecond(), expected.getSecond(), at + ", input gradient");
                reference.fit(x, y);
                ours.fit(x, y);
                assertRelativelyClose(ours.getLayer(1).params(), reference.getLayer(1).params(),
                        at + ", gamma, beta, running mean and log10 std after the fit");
                assertRelativelyClose(ours.params(), reference.params(), at + ", all parameters after the fit");
                assertRelativelyClose(ours.output(x, false), reference.output(x, false), at + ", inference output");
                assertThat(flat.flatPathTaken()).as(at + ": the flat path ran in inference").isTrue();
            }
        }
    }

    @Test
    void otherFlatConfigurationsTakeDl4jsPath() {
        BatchNormalization reference = new BatchNormalization.Builder().useLogStd(false).build();
        NativeBatchNormalization ours = new NativeBatchNormalization();
        ours.setUseLogStd(false);
        MultiLayerNetwork referenceNet = flatNet(reference, 20);
        MultiLayerNetwork ourNet = flatNet(ours, 20);
        ourNet.setParams(referenceNet.params().dup());
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 10);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 2; i++) {
            referenceNet.fit(x, y);
            ourNet.fit(x, y);
        }
        assertThat(((NativeBatchNormalization.Runtime) ourNet.getLayer(1)).flatPathTaken()).isFalse();
        assertRelativelyClose(ourNet.params(), referenceNet.params(), "useLogStd(false), parameters after 2 fits");
        assertRelativelyClose(ourNet.output(x, false), referenceNet.output(x, false), "useLogStd(false), inference");
    }

    @Test
    void survivesJsonLikeAnyLayer() {
        MultiLayerNetwork net = net(new NativeBatchNormalization(), true);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(copy.getConf(0).getLayer()).isInstanceOf(NativeBatchNormalization.class);
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    private static MultiLayerNetwork net(Layer batchNorm, boolean convolutional) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(batchNorm)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(convolutional ? InputType.convolutional(6, 6, 4) : InputType.feedForward(12)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Dense 10 → columns, the batch norm, a tanh output layer. */
    private static MultiLayerNetwork flatNet(Layer batchNorm, int columns) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                // no bias: the batch norm removes it, its gradient is rounding noise that Adam would amplify
                .layer(new DenseLayer.Builder().nOut(columns).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(batchNorm)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.TANH)
                        .build())
                .setInputType(InputType.feedForward(10)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    private static void assertRelativelyClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).as(what + " not trivially zero").isGreaterThan(1e-4);
        assertThat(actual.sub(expected).amaxNumber().doubleValue() / scale).as(what + " max |diff| / max |expected|")
                .isLessThan(1e-5);
    }
}
