package dev.digitgan.model.nets;

/**
 * A layer configuration whose backprop skips the gradients a GAN step does not use. {@link GanNetworks} sets both
 * flags from the layer's place: no input gradient for a network's first layer, no parameter gradients for D's
 * layers inside the stacked network (which {@code FrozenLayerWithBackprop} would zero anyway).
 */
interface ReducedBackprop {

    void setParametersFrozen(boolean parametersFrozen);

    /** A layer that is never a network's first one (D's output layer) always computes its input gradient. */
    default void setInputGradientNeeded(boolean inputGradientNeeded) {
    }
}
