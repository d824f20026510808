package dev.digitgan.model.nets;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The layers of one half of a GAN (G or D), in order, plus the input pre-processors that DL4J cannot infer from the
 * input type (keyed by index into {@code layers}).
 *
 * <p>Layer configs are mutable DL4J objects; a stack is built fresh for every network and never reused.
 */
record LayerStack(List<Layer> layers, Map<Integer, InputPreProcessor> preProcessors) {

    LayerStack {
        layers = List.copyOf(layers);
        preProcessors = Map.copyOf(preProcessors);
    }

    int size() {
        return layers.size();
    }
}
