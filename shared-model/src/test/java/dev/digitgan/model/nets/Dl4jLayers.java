package dev.digitgan.model.nets;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * A configuration of the project's networks with its own layers swapped for the DL4J layers they replace: the
 * networks as a build before them built the same spec (for layout and checkpoint tests).
 */
public final class Dl4jLayers {

    /** The project's layer classes and what DL4J calls the layer each replaces. */
    static final List<List<String>> REPLACED = List.of(
            List.of(GanDenseLayer.class.getName(), "org.deeplearning4j.nn.conf.layers.DenseLayer"),
            List.of(NativeConvolutionLayer.class.getName(), "org.deeplearning4j.nn.conf.layers.ConvolutionLayer"),
            List.of(NativeBatchNormalization.class.getName(), "org.deeplearning4j.nn.conf.layers.BatchNormalization"),
            List.of(NearestUpsampling2D.class.getName(), "org.deeplearning4j.nn.conf.layers.Upsampling2D"),
            List.of(GanOutputLayer.class.getName(), "org.deeplearning4j.nn.conf.layers.OutputLayer"));

    private Dl4jLayers() {
    }

    /** Every project layer swapped. */
    public static MultiLayerConfiguration of(MultiLayerConfiguration ours) {
        return swapped(ours, REPLACED);
    }

    /** {@code layer} alone swapped: the networks of the build before that layer. */
    public static MultiLayerConfiguration replacing(MultiLayerConfiguration ours, Class<?> layer) {
        return swapped(ours, REPLACED.stream().filter(pair -> pair.get(0).equals(layer.getName())).toList());
    }

    private static MultiLayerConfiguration swapped(MultiLayerConfiguration ours, List<List<String>> pairs) {
        String json = ours.toJson();
        for (List<String> pair : pairs) {
            json = json.replace("\"" + pair.get(0) + "\"", "\"" + pair.get(1) + "\"");
        }
        return MultiLayerConfiguration.fromJson(json);
    }
}
