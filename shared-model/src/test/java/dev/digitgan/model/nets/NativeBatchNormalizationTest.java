package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The native batch norm computes what DL4J's Java path computes, running statistics included. */
class NativeBatchNormalizationTest {

    @Test
    void theChannelKernelsGiveTheSameFloatsWithOneThreadOrThree() {
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.randn(DataType.FLOAT, 37, 8, 14, 14).muli(3).addi(1);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 37, 8, 14, 14);
        float[][] outputs = new float[2][];
        float[][] sums = new float[2][];
        int at = 0;
        for (KernelThreads threads : new KernelThreads[] {new KernelThreads(1), new KernelThreads(3)}) {
            float[] mean = new float[8];
            float[] variance = new float[8];
            ChannelBatchNorm.statistics(threads, x, mean, variance);
            float[] sumE = new float[8];
            float[] sumED = new float[8];
            float[] sumD = new float[8];
            ChannelBatchNorm.gradientSums(threads, x, epsilon, mean, sumE, sumED, sumD);
            INDArray normalised = Nd4j.create(DataType.FLOAT, 37, 8, 14, 14);
            ChannelBatchNorm.normalise(threads, x, mean, variance, mean, normalised);
            INDArray gradient = Nd4j.create(DataType.FLOAT, 37, 8, 14, 14);
            ChannelBatchNorm.inputGradient(threads, x, epsilon, mean, variance, sumE, sumD, gradient);
            outputs[at] = Nd4j.concat(0, normalised.reshape(-1), gradient.reshape(-1)).data().asFloat();
            sums[at] = new float[40];
            for (int c = 0; c < 8; c++) {
                float[] row = {mean[c], variance[c], sumE[c], sumED[c], sumD[c]};
                System.arraycopy(row, 0, sums[at], 5 * c, 5);
            }
            at++;
        }
        assertThat(sums[1]).isEqualTo(sums[0]);
        assertThat(outputs[1]).isEqualTo(outputs[0]);
        assertThat(sums[0][5 * 7 + 1]).as("the last channel's variance").isCloseTo(9f, within(1f));
    }

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
                assertThat(flat.javaPathTaken()).as(at + ": the flat path ran").isTrue();
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
                assertThat(flat.javaPathTaken()).as(at + ": the flat path ran in inference").isTrue();
            }
        }
    }

    @Test
    void nchwInputGivesDl4jsOutputsGradientsAndRunningStatisticsBatchAfterBatch() {
        // 7 x 9: an h·w (63) that is no multiple of any vector width; 37 examples: odd. 32 channels of 14 x 14:
        // dcgan's G. The convolution before the batch norm makes the input gradient count: its weight gradients are
        // made of it.
        for (int[] size : new int[][] {{37, 5, 7, 9}, {8, 32, 14, 14}}) {
            int examples = size[0];
            int channels = size[1];
            String what = "[" + examples + ", " + channels + ", " + size[2] + ", " + size[3] + "]";
            MultiLayerNetwork reference = convolutionalNet(new BatchNormalization.Builder().build(), size);
            MultiLayerNetwork ours = convolutionalNet(new NativeBatchNormalization(), size);
            ours.setParams(reference.params().dup());
            NativeBatchNormalization.Runtime layer = (NativeBatchNormalization.Runtime) ours.getLayer(1);
            assertThat(reference.getLayer(1)).isNotInstanceOf(NativeBatchNormalization.Runtime.class);
            assertThat(reference.getLayer(1).getHelper()).as("DL4J's own layer on this CPU backend").isNull();
            Nd4j.getRandom().setSeed(17);
            for (int batch = 0; batch < 4; batch++) {
                String at = what + ", batch " + batch;
                INDArray x = Nd4j.randn(DataType.FLOAT, examples, 3, size[2], size[3]).muli(2).addi(batch);
                INDArray y = Nd4j.rand(DataType.FLOAT, examples, 3);
                assertRelativelyClose(ours.output(x, true), reference.output(x, true), at + ", training output");
                assertThat(layer.javaPathTaken()).as(at + ": the Java path ran").isTrue();
                // gamma, beta, the running statistics' updates, the convolution's weights (made of the batch norm's
                // input gradient) and the network's input gradient
                Pair<Gradient, INDArray> expected = reference.calculateGradients(x, y, null, null);
                Pair<Gradient, INDArray> actual = ours.calculateGradients(x, y, null, null);
                assertThat(actual.getFirst().gradientForVariable().keySet())
                        .containsExactlyInAnyOrderElementsOf(expected.getFirst().gradientForVariable().keySet());
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
                assertThat(layer.javaPathTaken()).as(at + ": the Java path ran in inference").isTrue();
            }
        }
    }

    @Test
    void otherNchwConfigurationsTakeTheHelperPath() {
        int[] size = {16, 4, 5, 5};
        for (boolean logStd : new boolean[] {false, true}) {
            // useLogStd(false) keeps the running variance itself; with lockGammaBeta there is no gamma or beta
            String what = logStd ? "lockGammaBeta" : "useLogStd(false)";
            BatchNormalization reference = new BatchNormalization.Builder().useLogStd(logStd).lockGammaBeta(logStd)
                    .build();
            NativeBatchNormalization ours = new NativeBatchNormalization();
            ours.setUseLogStd(logStd);
            ours.setLockGammaBeta(logStd);
            MultiLayerNetwork referenceNet = convolutionalNet(reference, size);
            MultiLayerNetwork ourNet = convolutionalNet(ours, size);
            ourNet.setParams(referenceNet.params().dup());
            Nd4j.getRandom().setSeed(19);
            INDArray x = Nd4j.randn(DataType.FLOAT, 16, 3, 5, 5).addi(1);
            INDArray y = Nd4j.rand(DataType.FLOAT, 16, 3);
            for (int i = 0; i < 2; i++) {
                referenceNet.fit(x, y);
                ourNet.fit(x, y);
            }
            assertThat(((NativeBatchNormalization.Runtime) ourNet.getLayer(1)).javaPathTaken()).as(what).isFalse();
            assertRelativelyClose(ourNet.params(), referenceNet.params(), what + ", parameters after 2 fits");
            assertRelativelyClose(ourNet.output(x, false), referenceNet.output(x, false), what + ", inference");
        }
    }

    @Test
    void nonContiguousNchwInputTakesTheHelperPath() {
        MultiLayerNetwork reference = net(new BatchNormalization.Builder().build(), true);
        MultiLayerNetwork ours = net(new NativeBatchNormalization(), true);
        ours.setParams(reference.params().dup());
        Nd4j.getRandom().setSeed(23);
        // [8, 4, 6, 6] as every other column of [8, 4, 6, 12]: not c order's default strides
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 4, 6, 12).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 12));
        assertThat(x.shape()).containsExactly(8, 4, 6, 6);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        org.deeplearning4j.nn.api.Layer layer = ours.getLayer(0);
        layer.setInput(x, none);
        INDArray actual = layer.activate(true, none);
        assertThat(((NativeBatchNormalization.Runtime) layer).javaPathTaken()).isFalse();
        org.deeplearning4j.nn.api.Layer referenceLayer = reference.getLayer(0);
        referenceLayer.setInput(x, none);
        assertRelativelyClose(actual, referenceLayer.activate(true, none), "a strided view, training output");
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
        assertThat(((NativeBatchNormalization.Runtime) ourNet.getLayer(1)).javaPathTaken()).isFalse();
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

    /**
     * A bias-free 3x3 convolution [n, 3, h, w] → [n, c, h, w], the batch norm, a tanh output layer. The project's
     * convolution, as in dcgan's G: its output is c order; DL4J's own is a permuted view, which the batch norm's
     * Java path leaves to the helper.
     */
    private static MultiLayerNetwork convolutionalNet(Layer batchNorm, int[] size) {
        // Plain, slow SGD: Adam's first steps divide each gradient by its own magnitude, and the output layer's
        // near-zero weight gradients (sums over the batch that cancel) differ by rounding. At [8, 32, 14, 14] DL4J's
        // own float path ended one Adam(0.01) fit 5.6e-6 (of the largest parameter) from a double-precision run,
        // ours 8.5e-6, 5.8e-6 from each other; with SGD(0.1) the tanh outputs differed by 1.1e-5 after 3 fits (each
        // 5.5e-6 from double); with SGD(0.01) by 1.2e-6 at most (each within 1e-6 of double).
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.01)).convolutionMode(ConvolutionMode.Same).list()
                // no bias: the batch norm removes it, its gradient is rounding noise that Adam would amplify
                .layer(new NativeConvolutionLayer(new ConvolutionLayer.Builder(3, 3).nOut(size[1]).hasBias(false)
                        .activation(Activation.IDENTITY)))
                .layer(batchNorm)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.TANH)
                        .build())
                .setInputType(InputType.convolutional(size[2], size[3], 3)).build();
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
