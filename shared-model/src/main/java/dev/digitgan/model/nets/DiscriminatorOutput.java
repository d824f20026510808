package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * D's output layer, the same for every architecture: one sigmoid unit with binary cross-entropy for an
 * unconditional GAN; for a conditional one (AC-GAN) the real/fake logit followed by one logit per class, scored by
 * {@link AuxiliaryClassifierLoss}. Column 0 is always "real".
 */
final class DiscriminatorOutput {

    private DiscriminatorOutput() {
    }

    /** @param in the layer's input width, or 0 to let DL4J infer it from the input type */
    static OutputLayer of(GanSpec spec, long in) {
        OutputLayer.Builder builder = spec.conditional()
                ? new OutputLayer.Builder(new AuxiliaryClassifierLoss()).nOut(1 + spec.classes())
                        .activation(Activation.IDENTITY)
                : new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID);
        if (in > 0) {
            builder.nIn(in);
        }
        return builder.build();
    }
}
