package dev.digitgan.model.train;

import dev.digitgan.model.spec.AdversarialLoss;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Captures D's real/fake outputs from the forward pass that {@code fit} itself runs, so the step can report
 * D(x) and D(G(z)) without a second forward pass (and with the same dropout masks the update used).
 *
 * <p>DL4J hands listeners the activations up to the input of the output layer (not the output itself); D's output
 * layer has no dropout and its unit 0 is the real/fake output, so D(x) is {@code sigmoid((h·W + b)[0])} (a
 * probability, {@link AdversarialLoss#CROSS_ENTROPY}) or {@code (h·W + b)[0]} itself (a least-squares score) with the
 * layer's parameters before the update: one tiny matrix-vector product.
 */
final class DiscriminatorProbe extends BaseTrainingListener {

    private final AdversarialLoss loss;
    private float[] probabilities;

    DiscriminatorProbe(AdversarialLoss loss) {
        this.loss = loss;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        Layer output = net.getLayer(net.getnLayers() - 1);
        INDArray hidden = activations.get(activations.size() - 1);
        // convolutional D: [n, c, h, w] → [n, c*h*w], as DL4J's CnnToFeedForwardPreProcessor does (NCHW, 'c' order)
        INDArray flat = hidden.rank() == 2 ? hidden
                : hidden.reshape('c', new long[] {hidden.size(0), hidden.length() / hidden.size(0)});
        INDArray w = output.getParam(DefaultParamInitializer.WEIGHT_KEY);
        // Nd4j.gemm, not mmul: libnd4j gives mmul's product to OpenBLAS, whose thread then spins (GanOutputLayer)
        INDArray logits = Nd4j.createUninitialized(w.dataType(), new long[] {flat.size(0), w.size(1)}, 'c');
        Nd4j.gemm(flat.castTo(w.dataType()), w, logits, false, false, 1.0, 0.0);
        logits.addiRowVector(output.getParam(DefaultParamInitializer.BIAS_KEY));
        // column 0 is "real"; a conditional D's class logits follow it (DiscriminatorOutput)
        INDArray real = logits.columns() == 1 ? logits : logits.getColumn(0, true);
        probabilities = loss == AdversarialLoss.LEAST_SQUARES ? real.dup().toFloatVector()
                : Transforms.sigmoid(real.dup(), false).toFloatVector();
    }

    /** The outputs of the last forward pass, one per row; then forgets them so a stale reading cannot leak. */
    float[] take() {
        float[] p = probabilities;
        if (p == null) {
            throw new IllegalStateException("no forward pass observed since the last reading");
        }
        probabilities = null;
        return p;
    }
}
