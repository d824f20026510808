package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The native-op convolution computes what DL4J's built-in convolution computes, forwards and backwards. */
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
    void survivesJsonLikeAnyLayer() {
        MultiLayerNetwork net = net(new NativeConvolutionLayer(new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(4)));
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(copy.getConf(0).getLayer()).isInstanceOf(NativeConvolutionLayer.class);
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    private static MultiLayerNetwork net(Layer conv) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(conv)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(10, 10, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double maxDiff = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(maxDiff).as(what + " max |diff|").isLessThan(1e-4);
        assertThat(expected.amaxNumber().doubleValue()).as(what + " not trivially zero").isGreaterThan(1e-3);
    }
}
