package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.spec.Presets;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Java mask keeps p of the activations, scaled by 1/p, and backprop applies the very same mask. */
class SplitMixDropoutTest {

    @Test
    void oneThreadAndThreeDrawTheSameMaskAndNoChunkRepeatsAnother() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 512, 300).addi(0.5);
        INDArray[] one = {Nd4j.create(DataType.FLOAT, 512, 300), Nd4j.create(DataType.FLOAT, 512, 300)};
        INDArray[] three = {Nd4j.create(DataType.FLOAT, 512, 300), Nd4j.create(DataType.FLOAT, 512, 300)};
        SplitMixDropout.apply(new KernelThreads(1), x, one[0], one[1], 0.7, 42L);
        SplitMixDropout.apply(new KernelThreads(3), x, three[0], three[1], 0.7, 42L);
        assertThat(three[0].data().asFloat()).isEqualTo(one[0].data().asFloat());
        assertThat(three[1].data().asFloat()).isEqualTo(one[1].data().asFloat());
        float[] mask = one[1].data().asFloat();
        float[] firstChunk = java.util.Arrays.copyOfRange(mask, 0, 2048);
        for (int from = 2048; from + 2048 <= mask.length; from += 2048) {
            assertThat(java.util.Arrays.copyOfRange(mask, from, from + 2048)).as("chunk at %d", from)
                    .isNotEqualTo(firstChunk);
        }
    }

    @Test
    void keepsTheFractionPScaledByOneOverP() {
        for (double keep : new double[] {0.7, 0.5, 0.9}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 1000, 1000).addi(0.5);
            INDArray out = Nd4j.create(DataType.FLOAT, 1000, 1000);
            Nd4j.getRandom().setSeed(7);
            new SplitMixDropout(keep).applyDropout(x, out, 0, 0, LayerWorkspaceMgr.noWorkspaces());
            INDArray kept = out.neq(0).castTo(DataType.DOUBLE);
            double fraction = kept.meanNumber().doubleValue();
            // 10^6 Bernoulli(p) draws: one standard deviation is below 5e-4
            assertThat(fraction).as("kept fraction for p = %s", keep).isBetween(keep - 0.0025, keep + 0.0025);
            INDArray expectedKept = x.mul(1.0 / keep).muli(kept.castTo(DataType.FLOAT));
            assertThat(out.sub(expectedKept).amaxNumber().doubleValue()).as("kept values are x / p").isLessThan(1e-6);
            // neighbours are not correlated: the fraction of kept pairs (i, i+1) is p²
            INDArray flat = kept.reshape(1_000_000);
            double pairs = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 999_999))
                    .mul(flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1_000_000))).meanNumber()
                    .doubleValue();
            assertThat(pairs).as("kept pairs").isBetween(keep * keep - 0.003, keep * keep + 0.003);
        }
    }

    @Test
    void backpropAppliesTheForwardMask() {
        SplitMixDropout dropout = new SplitMixDropout(0.7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 300).addi(0.1);
        INDArray out = Nd4j.create(DataType.FLOAT, 64, 300);
        Nd4j.getRandom().setSeed(11);
        dropout.applyDropout(x, out, 0, 0, LayerWorkspaceMgr.noWorkspaces());
        INDArray gradOut = Nd4j.rand(DataType.FLOAT, 64, 300).addi(0.1);
        INDArray gradIn = Nd4j.create(DataType.FLOAT, 64, 300);
        dropout.backprop(gradOut, gradIn, 0, 0);
        // out = x · mask and gradIn = gradOut · mask: the same mask exactly when gradIn / gradOut = out / x
        assertThat(gradIn.div(gradOut).sub(out.div(x)).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(gradIn.eq(0)).isEqualTo(out.eq(0));
    }

    @Test
    void theSameNd4jSeedGivesTheSameMaskAndAnotherSeedAnother() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 32, 100);
        INDArray first = drop(x, 5);
        assertThat(drop(x, 5)).isEqualTo(first);
        assertThat(drop(x, 6)).isNotEqualTo(first);
    }

    private static INDArray drop(INDArray x, long seed) {
        INDArray out = Nd4j.create(DataType.FLOAT, x.shape());
        Nd4j.getRandom().setSeed(seed);
        new SplitMixDropout(0.7).applyDropout(x, out, 0, 0, LayerWorkspaceMgr.noWorkspaces());
        return out;
    }

    @Test
    void theMlpDiscriminatorUsesItAndItSurvivesJson() {
        MultiLayerConfiguration conf = GanNetworks.discriminatorConfiguration(Presets.mlp());
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(copy).isEqualTo(conf);
        long dropouts = copy.getConfs().stream().map(c -> c.getLayer()).filter(l -> l instanceof DropoutLayer)
                .map(l -> ((DropoutLayer) l).getIDropout())
                .peek(d -> assertThat(d).isInstanceOf(SplitMixDropout.class))
                .peek(d -> assertThat(((Dropout) d).getP()).isEqualTo(Presets.mlp().dropoutKeep()))
                .count();
        assertThat(dropouts).isEqualTo(Presets.mlp().discriminatorHidden().size());
        assertThat(new SplitMixDropout(0.7)).isNotEqualTo(new Dropout(0.7)).isEqualTo(new SplitMixDropout(0.7));
        assertThat(new Dropout(0.7)).isNotEqualTo(new SplitMixDropout(0.7));
    }

    /** In a network, a training pass drops activations and the gradient is zero exactly where they were dropped. */
    @Test
    void inTheDiscriminatorTrainingDropsAndInferenceDoesNot() {
        MultiLayerNetwork d = GanNetworks.discriminator(Presets.mlp());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784).subi(0.5);
        assertThat(d.output(x, false)).isEqualTo(d.output(x, false));
        Nd4j.getRandom().setSeed(1);
        INDArray first = d.output(x, true);
        Nd4j.getRandom().setSeed(2);
        assertThat(d.output(x, true)).isNotEqualTo(first);
        d.setInput(x);
        d.setLabels(Nd4j.ones(DataType.FLOAT, 16, 1));
        d.computeGradientAndScore();
        Pair<Gradient, Double> g = d.gradientAndScore();
        assertThat(g.getSecond()).isFinite();
        assertThat(g.getFirst().gradient().amaxNumber().doubleValue()).isPositive();
    }
}
