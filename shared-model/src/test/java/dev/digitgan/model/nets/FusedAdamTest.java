package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The Java update gives DL4J's Adam updates and state, in the same state layout, over many iterations. */
class FusedAdamTest {

    @Test
    void sameUpdatesAndStateAsDl4jsAdamOverManyIterations() {
        for (double[] settings : new double[][] {{2e-3, 0.5}, {1e-4, 0.9}, {5e-4, 0.5}}) {
            int length = 5_003; // not a multiple of the chunk
            INDArray dl4jState = Nd4j.create(DataType.FLOAT, 1, 2L * length);
            INDArray fusedState = Nd4j.create(DataType.FLOAT, 1, 2L * length);
            GradientUpdater<?> dl4j = new Adam(settings[0], settings[1], 0.999, 1e-8).instantiate(dl4jState, true);
            GradientUpdater<?> fused = new FusedAdam(settings[0], settings[1], 0.999, 1e-8).instantiate(fusedState,
                    true);
            assertThat(fused).isInstanceOf(FusedAdam.Updater.class);
            Nd4j.getRandom().setSeed(17);
            for (int iteration = 0; iteration < 60; iteration++) {
                INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, length).muli(iteration % 7 == 0 ? 10 : 0.01);
                INDArray expected = gradient.dup();
                INDArray actual = gradient.dup();
                assertThat(ContiguousFloats.vectors(actual, ((FusedAdam.Updater) fused).getM(),
                        ((FusedAdam.Updater) fused).getV())).as("the Java path is taken").isTrue();
                dl4j.applyUpdater(expected, iteration, 0);
                fused.applyUpdater(actual, iteration, 0);
                assertRelativelyClose(actual, expected, "update at iteration " + iteration);
            }
            assertRelativelyClose(fusedState, dl4jState, "state [m | v] after 60 iterations");
        }
    }

    @Test
    void oneThreadAndThreeGiveTheSameFloats() {
        int length = 300_007;
        Nd4j.getRandom().setSeed(11);
        INDArray gradient = Nd4j.randn(DataType.FLOAT, length);
        INDArray m = Nd4j.randn(DataType.FLOAT, length).muli(0.01);
        INDArray v = Nd4j.rand(DataType.FLOAT, length).muli(0.01);
        INDArray[] one = {gradient.dup(), m.dup(), v.dup()};
        INDArray[] three = {gradient.dup(), m.dup(), v.dup()};
        FusedAdam.Chunks.update(new KernelThreads(1), one[0], one[1], one[2], 2e-3, 0.5, 0.999, 1e-8, 4);
        FusedAdam.Chunks.update(new KernelThreads(3), three[0], three[1], three[2], 2e-3, 0.5, 0.999, 1e-8, 4);
        for (int i = 0; i < 3; i++) {
            assertThat(three[i].data().asFloat()).as("array %d", i).isEqualTo(one[i].data().asFloat());
            assertThat(three[i].getFloat(length - 1)).as("the last chunk was updated")
                    .isNotEqualTo(new INDArray[] {gradient, m, v}[i].getFloat(length - 1));
        }
    }

    @Test
    void aNetworkTrainsAsWithDl4jsAdamAndKeepsTheSameStateLayout() {
        MultiLayerNetwork dl4j = net(new Adam(2e-3, 0.5, 0.999, 1e-8));
        MultiLayerNetwork fused = net(new FusedAdam(2e-3, 0.5, 0.999, 1e-8));
        fused.setParams(dl4j.params().dup());
        Nd4j.getRandom().setSeed(3);
        for (int batch = 0; batch < 20; batch++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 32, 12);
            INDArray y = Nd4j.rand(DataType.FLOAT, 32, 3);
            dl4j.fit(x, y);
            fused.fit(x, y);
        }
        assertThat(((BaseMultiLayerUpdater<?>) fused.getUpdater()).getUpdaterBlocks())
                .allSatisfy(block -> assertThat(block.getGradientUpdater()).isInstanceOf(FusedAdam.Updater.class));
        assertThat(fused.getUpdater().getStateViewArray().length())
                .isEqualTo(dl4j.getUpdater().getStateViewArray().length());
        assertRelativelyClose(fused.params(), dl4j.params(), "parameters after 20 fits");
        assertRelativelyClose(fused.getUpdater().getStateViewArray(), dl4j.getUpdater().getStateViewArray(),
                "Adam state after 20 fits");
    }

    @Test
    void survivesJsonAndIsNotEqualToDl4jsAdam() {
        MultiLayerNetwork net = net(new FusedAdam(2e-3, 0.5, 0.999, 1e-8));
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertThat(copy).isEqualTo(net.getLayerWiseConfigurations());
        IUpdater updater = ((org.deeplearning4j.nn.conf.layers.BaseLayer) copy.getConf(0).getLayer()).getIUpdater();
        assertThat(updater).isInstanceOf(FusedAdam.class).isEqualTo(new FusedAdam(2e-3, 0.5, 0.999, 1e-8));
        Adam plain = new Adam(2e-3, 0.5, 0.999, 1e-8);
        assertThat(updater).isNotEqualTo(plain);
        assertThat(plain).isNotEqualTo(updater);
        assertThat(updater.clone()).isInstanceOf(FusedAdam.class).isEqualTo(updater);
    }

    private static MultiLayerNetwork net(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(20).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(20).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Within 1e-5 of the largest expected magnitude (float rounding, and powf against Math.pow). */
    private static void assertRelativelyClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).as(what + " not trivially zero").isGreaterThan(1e-8);
        assertThat(actual.sub(expected).amaxNumber().doubleValue() / scale).as(what + " max |diff| / max |expected|")
                .isLessThan(1e-5);
    }
}
