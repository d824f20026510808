package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * The seed's fully connected GAN: G z → hidden ReLU... → 784 tanh; D 784 → hidden ReLU (+dropout)... → 1 sigmoid
 * ({@link DiscriminatorOutput}: 1 + K logits for a conditional spec, whose G also takes the one-hot label after z).
 *
 * <p>Dropout is a separate {@link DropoutLayer} after each hidden layer of D rather than DL4J's per-layer
 * {@code dropOut} (which drops a layer's <em>input</em> inside the layer): that keeps the last hidden activation,
 * as the network saw it, visible to the training step, which computes D's outputs from it without a second pass.
 */
final class MlpLayers implements ArchitectureLayers {

    private final GanSpec spec;

    MlpLayers(GanSpec spec) {
        this.spec = spec;
    }

    @Override
    public LayerStack generator() {
        List<Layer> layers = new ArrayList<>();
        int in = spec.generatorInputSize();
        for (int width : spec.generatorHidden()) {
            layers.add(GanDenseLayer.of(in, width, Activation.RELU));
            in = width;
        }
        layers.add(GanDenseLayer.of(in, GanSpec.IMAGE_PIXELS, Activation.TANH));
        return new LayerStack(layers, Map.of());
    }

    @Override
    public LayerStack discriminator() {
        List<Layer> layers = new ArrayList<>();
        int in = GanSpec.IMAGE_PIXELS;
        for (int width : spec.discriminatorHidden()) {
            layers.add(GanDenseLayer.of(in, width, Activation.RELU));
            if (spec.dropoutKeep() < 1) {
                // DL4J's dropout argument is the probability of RETAINING an activation, like the seed's keep_prob
                layers.add(SplitMixDropout.layer(spec.dropoutKeep()));
            }
            in = width;
        }
        layers.add(DiscriminatorOutput.of(spec, in));
        return new LayerStack(layers, Map.of());
    }

    @Override
    public InputType discriminatorInput() {
        return InputType.feedForward(GanSpec.IMAGE_PIXELS);
    }
}
