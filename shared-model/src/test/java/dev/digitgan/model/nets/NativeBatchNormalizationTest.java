package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
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
            String what = convolutional ? "[n, 4, 6, 6]" : "[n, 12] (DL4J's path itself)";
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
