package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The Java upsampling computes what DL4J's {@link Upsampling2D} computes, forward and backward. */
class NearestUpsampling2DTest {

    @Test
    void oneThreadAndThreeGiveTheSameFloats() {
        int rows = 37 * 8 * 14;
        int w = 14;
        Nd4j.getRandom().setSeed(9);
        INDArray input = Nd4j.randn(DataType.FLOAT, rows, w);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, rows, 4L * w);
        KernelThreads one = new KernelThreads(1);
        KernelThreads three = new KernelThreads(3);
        INDArray[] expanded = {Nd4j.create(DataType.FLOAT, rows, 4L * w), Nd4j.create(DataType.FLOAT, rows, 4L * w)};
        INDArray[] summed = {Nd4j.create(DataType.FLOAT, rows, w), Nd4j.create(DataType.FLOAT, rows, w)};
        NearestUpsampling2D.Blocks.expand(one, input, expanded[0], rows, w);
        NearestUpsampling2D.Blocks.expand(three, input, expanded[1], rows, w);
        NearestUpsampling2D.Blocks.sum(one, epsilon, summed[0], rows, w);
        NearestUpsampling2D.Blocks.sum(three, epsilon, summed[1], rows, w);
        assertThat(expanded[1].data().asFloat()).isEqualTo(expanded[0].data().asFloat());
        assertThat(summed[1].data().asFloat()).isEqualTo(summed[0].data().asFloat());
        assertThat(expanded[1].getFloat(rows - 1, 4L * w - 1)).isEqualTo(input.getFloat(rows - 1, w - 1));
        assertThat(summed[1].getFloat(rows - 1, w - 1)).isNotZero();
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsUpsampling() {
        // 32 x 4 x 7 rows of 7: more than one chunk of the Java path, the last one partial; 6 x 5: not square
        for (long[] shape : new long[][] {{32, 3, 7, 7}, {3, 2, 6, 5}}) {
            String what = Arrays.toString(shape);
            MultiLayerNetwork reference = net(new Upsampling2D.Builder(2).build(), shape);
            MultiLayerNetwork ours = net(new NearestUpsampling2D(2), shape);
            ours.setParams(reference.params().dup());
            assertThat(ours.getLayer(1)).isInstanceOf(NearestUpsampling2D.Runtime.class);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.randn(DataType.FLOAT, shape);
            INDArray y = Nd4j.rand(DataType.FLOAT, shape[0], 3);

            // forward: copies of the same floats
            assertThat(ours.output(x, true)).as(what + ", training output").isEqualTo(reference.output(x, true));
            assertThat(ours.output(x, false)).as(what + ", inference output").isEqualTo(reference.output(x, false));
            // backward: the convolution's weight gradients and the input's gradient go through the block sums
            Pair<Gradient, INDArray> expected = reference.calculateGradients(x, y, null, null);
            Pair<Gradient, INDArray> actual = ours.calculateGradients(x, y, null, null);
            assertRelativelyClose(actual.getFirst().gradient(), expected.getFirst().gradient(), what + ", gradient");
            assertRelativelyClose(actual.getSecond(), expected.getSecond(), what + ", input gradient");
            for (int i = 0; i < 3; i++) {
                reference.fit(x, y);
                ours.fit(x, y);
            }
            assertRelativelyClose(ours.params(), reference.params(), what + ", parameters after 3 fits");
        }
    }

    @Test
    void aNonContiguousInputTakesDl4jsPathAndGivesTheSameImages() {
        long[] shape = {4, 2, 5, 5};
        MultiLayerNetwork reference = net(new Upsampling2D.Builder(2).build(), shape);
        MultiLayerNetwork ours = net(new NearestUpsampling2D(2), shape);
        ours.setParams(reference.params().dup());
        // an 'f'-ordered input: the convolution before it gives a c-ordered array, so this checks the layer itself
        INDArray x = Nd4j.randn(DataType.FLOAT, shape).dup('f');
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        ours.getLayer(1).setInput(x, none);
        reference.getLayer(1).setInput(x, none);
        assertThat(ours.getLayer(1).activate(false, none)).isEqualTo(reference.getLayer(1).activate(false, none));
    }

    @Test
    void survivesJsonLikeAnyLayer() {
        MultiLayerNetwork net = net(new NearestUpsampling2D(2), new long[] {2, 3, 4, 4});
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(copy.getConf(1).getLayer()).isInstanceOf(NearestUpsampling2D.class);
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
    }

    /** A convolution, the upsampling under test, and an output layer: every gradient goes through it. */
    private static MultiLayerNetwork net(Layer upsampling, long[] shape) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(upsampling)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(shape[2], shape[3], shape[1])).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void assertRelativelyClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).as(what + " not trivially zero").isGreaterThan(1e-4);
        assertThat(actual.sub(expected).amaxNumber().doubleValue() / scale).as(what + " max |diff| / max |expected|")
                .isLessThan(1e-5);
    }
}
