package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.spec.Presets;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * The project's layers ({@link GanDenseLayer}, {@link NativeConvolutionLayer}, {@link NativeBatchNormalization},
 * {@link NearestUpsampling2D})
 * keep the parameter and Adam-state layout of the DL4J layers they replace, so a checkpoint's flat arrays written
 * by a build that used DL4J's layers resume in this one and the other way round.
 */
class Dl4jLayoutTest {

    @Test
    void everyPresetsNetworksHaveTheLayoutOfTheSameNetworksBuiltFromDl4jsLayers() {
        for (String preset : Presets.names()) {
            MultiLayerConfiguration ours = GanNetworks.stackedConfiguration(Presets.byName(preset));
            MultiLayerConfiguration dl4j = Dl4jLayers.of(ours);
            for (List<String> replaced : Dl4jLayers.REPLACED) {
                assertThat(dl4j.toJson()).as(preset + ": no project layer left").doesNotContain(replaced.get(0));
            }
            MultiLayerNetwork oursNet = new MultiLayerNetwork(ours);
            oursNet.init();
            MultiLayerNetwork dl4jNet = new MultiLayerNetwork(dl4j);
            dl4jNet.init();

            assertThat(layout(oursNet)).as(preset + ": parameters, layer by layer").isEqualTo(layout(dl4jNet));
            assertThat(oursNet.numParams()).isEqualTo(dl4jNet.numParams());
            assertThat(oursNet.getUpdater().getStateViewArray().length()).as(preset + ": Adam state length")
                    .isEqualTo(dl4jNet.getUpdater().getStateViewArray().length());

            // a DL4J-layout network's flat parameters land in the same named parameters here
            oursNet.setParams(dl4jNet.params().dup());
            for (int i = 0; i < dl4jNet.getnLayers(); i++) {
                assertThat(oursNet.getLayer(i).paramTable()).as(preset + ": layer " + i)
                        .isEqualTo(dl4jNet.getLayer(i).paramTable());
            }
        }
    }

    /** Each layer's parameter names and shapes, in the order of the flat array. */
    private static List<String> layout(MultiLayerNetwork net) {
        List<String> layout = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            int layer = i;
            net.getLayer(i).paramTable().forEach((name, value) -> layout.add(layer + "_" + name + " "
                    + java.util.Arrays.toString(value.shape())));
        }
        return layout;
    }
}
