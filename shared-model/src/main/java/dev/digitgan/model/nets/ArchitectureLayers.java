package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * Layer stacks of one architecture. Each call builds new layer config instances, so two networks never share one.
 */
interface ArchitectureLayers {

    /** G: z (flat, {@code latentSize}, then the one-hot label of a conditional spec) → image in [-1, 1]. */
    LayerStack generator();

    /** D: image → probability that it is real, and class logits if conditional ({@link DiscriminatorOutput}). */
    LayerStack discriminator();

    /** What D sees when it is fed data directly: flat 784 rows (reshaped to 28x28x1 for convolutions). */
    InputType discriminatorInput();

    static ArchitectureLayers of(GanSpec spec) {
        return switch (spec.architecture()) {
            case MLP -> new MlpLayers(spec);
            case DCGAN -> new DcganLayers(spec);
        };
    }
}
