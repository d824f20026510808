package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GanNetworksTest {

    @Test
    void mlpHasTheSeedsLayerSizes() {
        GanModel model = GanNetworks.create(Presets.mlp());
        // G 100→150→300→784, D 784→300→150→1 (weights + biases)
        long g = (100 * 150 + 150) + (150 * 300 + 300) + (300 * 784 + 784);
        long d = (784 * 300 + 300) + (300 * 150 + 150) + (150 + 1);
        assertThat(model.generator().numParams()).isEqualTo(g);
        assertThat(model.discriminator().numParams()).isEqualTo(d);
        assertThat(model.stacked().numParams()).isEqualTo(g + d);
    }

    @Test
    void everyPresetMapsZToImagesInRangeAndImagesToProbabilities() {
        for (String name : Presets.names()) {
            GanSpec spec = Presets.byName(name);
            GanModel model = GanNetworks.create(spec);
            // z, then (conditional presets) a one-hot digit: G's input width is the spec's generatorInputSize
            INDArray z = Nd4j.randn(5, spec.generatorInputSize());
            INDArray images = model.generator().output(z, false).reshape(5, GanSpec.IMAGE_PIXELS);
            assertThat(images.shape()).as(name).containsExactly(5, GanSpec.IMAGE_PIXELS);
            assertThat(images.minNumber().doubleValue()).as(name).isGreaterThanOrEqualTo(-1);
            assertThat(images.maxNumber().doubleValue()).as(name).isLessThanOrEqualTo(1);
            assertThat(images.stdNumber().doubleValue()).as(name + " output varies").isGreaterThan(1e-4);

            INDArray p = model.discriminator().output(images, false);
            assertThat(p.shape()).as(name).containsExactly(5, 1 + spec.classes());
            if (!spec.conditional()) {
                assertThat(p.minNumber().doubleValue()).isGreaterThan(0);
                assertThat(p.maxNumber().doubleValue()).isLessThan(1);
            }
            // the stacked network is exactly D(G(z))
            assertThat(model.stacked().output(z, false)).as(name).isEqualTo(p);
        }
    }

    @Test
    void discriminatorLayersWithParametersAreFrozenInTheStackedNetwork() {
        for (String name : Presets.names()) {
            GanModel model = GanNetworks.create(Presets.byName(name));
            MultiLayerNetwork stacked = model.stacked();
            for (int i = 0; i < stacked.getnLayers(); i++) {
                boolean frozen = stacked.getLayerWiseConfigurations().getConf(i).getLayer()
                        instanceof FrozenLayerWithBackprop;
                boolean inD = i >= model.discriminatorOffset();
                boolean hasParams = stacked.getLayer(i).numParams() > 0;
                assertThat(frozen).as(name + " layer " + i).isEqualTo(inD && hasParams);
            }
        }
    }

    @Test
    void reducedBackpropFlagsFollowEachLayersPlace() {
        for (String name : Presets.names()) {
            GanSpec spec = Presets.byName(name);
            int offset = GanNetworks.generatorConfiguration(spec).getConfs().size();
            int reduced = 0;
            reduced += checkFlags(name + " G", GanNetworks.generatorConfiguration(spec), Integer.MAX_VALUE);
            reduced += checkFlags(name + " D", GanNetworks.discriminatorConfiguration(spec), Integer.MAX_VALUE);
            reduced += checkFlags(name + " G+D", GanNetworks.stackedConfiguration(spec), offset);
            // every preset's G, D and stacked network have such layers: the loop above checked something
            assertThat(reduced).as(name).isGreaterThanOrEqualTo(6);
        }
    }

    /** Frozen from layer {@code frozenFrom} on; no input gradient for layer 0 only. Returns the layers checked. */
    private static int checkFlags(String what, MultiLayerConfiguration configuration, int frozenFrom) {
        int checked = 0;
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            Layer layer = configuration.getConf(i).getLayer();
            if (layer instanceof FrozenLayerWithBackprop wrapper) {
                layer = wrapper.getUnderlying();
            }
            String where = what + " layer " + i;
            if (layer instanceof GanDenseLayer dense) {
                assertThat(dense.isInputGradientNeeded()).as(where).isEqualTo(i > 0);
                assertThat(dense.isParametersFrozen()).as(where).isEqualTo(i >= frozenFrom);
            } else if (layer instanceof NativeConvolutionLayer conv) {
                assertThat(conv.isInputGradientNeeded()).as(where).isEqualTo(i > 0);
                assertThat(conv.isParametersFrozen()).as(where).isEqualTo(i >= frozenFrom);
            } else if (layer instanceof GanOutputLayer output) {
                assertThat(output.isParametersFrozen()).as(where).isEqualTo(i >= frozenFrom);
            } else {
                continue;
            }
            checked++;
        }
        return checked;
    }

    @Test
    void generatorAndDiscriminatorShareTheStackedNetworksParameters() {
        GanModel model = GanNetworks.create(Presets.dcgan());
        long g = model.generator().numParams();
        INDArray stackedParams = model.stacked().params();
        assertThat(stackedParams.get(NDArrayIndex.all(), NDArrayIndex.interval(0, g)))
                .isEqualTo(model.generator().params());

        model.discriminator().params().addi(1.0);
        model.generator().params().muli(0.5);
        assertThat(stackedParams.get(NDArrayIndex.all(), NDArrayIndex.interval(g, stackedParams.length())))
                .isEqualTo(model.discriminator().params());
        assertThat(stackedParams.get(NDArrayIndex.all(), NDArrayIndex.interval(0, g)))
                .isEqualTo(model.generator().params());
    }

    @Test
    void sameSeedGivesSameWeightsAndOtherSeedDiffers() {
        GanSpec spec = Presets.mlp();
        assertThat(GanNetworks.create(spec).stacked().params()).isEqualTo(GanNetworks.create(spec).stacked().params());
        assertThat(GanNetworks.create(spec.withSeed(7)).stacked().params())
                .isNotEqualTo(GanNetworks.create(spec).stacked().params());
        // the standalone G is initialised like the G part of the stacked network
        assertThat(GanNetworks.generator(spec).params()).isEqualTo(GanNetworks.create(spec).generator().params());
    }

    @Test
    void noLayerConfigurationInstanceIsSharedBetweenNetworks() {
        for (String name : Presets.names()) {
            GanModel model = GanNetworks.create(Presets.byName(name));
            Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            int total = 0;
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {model.generator(), model.discriminator(),
                    model.stacked()}) {
                for (int i = 0; i < net.getnLayers(); i++) {
                    seen.add(net.getLayerWiseConfigurations().getConf(i).getLayer());
                    total++;
                }
            }
            assertThat(seen).as(name).hasSize(total);
        }
    }
}
