package dev.digitgan.model.nets;

import dev.digitgan.model.spec.AdversarialLoss;
import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * D's output layer, the same for every architecture. Unconditional: one unit, a sigmoid with binary cross-entropy
 * ({@link AdversarialLoss#CROSS_ENTROPY}) or a plain score with squared error ({@link AdversarialLoss#LEAST_SQUARES};
 * DL4J's MSE over one column is (x − t)²). Conditional (AC-GAN): the real/fake logit followed by one logit per class,
 * scored by {@link AuxiliaryClassifierLoss} with the spec's loss on column 0. Column 0 is always "real". The layer is
 * DL4J's output layer with its backprop products row-major ({@link GanOutputLayer}).
 */
final class DiscriminatorOutput {

    private DiscriminatorOutput() {
    }

    /** @param in the layer's input width, or 0 to let DL4J infer it from the input type */
    static GanOutputLayer of(GanSpec spec, long in) {
        OutputLayer.Builder builder;
        if (spec.conditional()) {
            builder = new OutputLayer.Builder(new AuxiliaryClassifierLoss(spec.loss())).nOut(1 + spec.classes())
                    .activation(Activation.IDENTITY);
        } else if (spec.loss() == AdversarialLoss.LEAST_SQUARES) {
            builder = new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY);
        } else {
            builder = new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID);
        }
        if (in > 0) {
            builder.nIn(in);
        }
        return GanOutputLayer.of(builder);
    }
}
