package dev.digitgan.model.nets;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DenseLayer} that does only the matrix products a GAN step needs. DL4J's dense layer (M2.1), in training:
 * <ol>
 *   <li>recomputes its forward product {@code input·W} during backprop (the pre-activation is not kept);</li>
 *   <li>computes the gradient for its input even as a network's first layer, where nobody uses it;</li>
 *   <li>inside {@code FrozenLayerWithBackprop} computes weight and bias gradients that the wrapper then zeroes.</li>
 * </ol>
 * For the seed MLP those were about 40% of a step's multiply-adds. This layer keeps the pre-activation from the
 * forward pass (a copy, in the same workspace as the activations), and its two flags say which gradients are not
 * needed: {@code inputGradientNeeded = false} for the first layer of a network, {@code parametersFrozen = true} for
 * D's layers inside the stacked network (which {@link GanNetworks} still wraps in {@code FrozenLayerWithBackprop}).
 * The results are those of DL4J's dense layer; {@code GanDenseLayerTest} checks that.
 */
public class GanDenseLayer extends DenseLayer {

    private boolean inputGradientNeeded = true;
    private boolean parametersFrozen;

    /** For DL4J's JSON (de)serialisation of network configurations. */
    public GanDenseLayer() {
    }

    /** Weight init, updater and the like come from the network's defaults, as for any DL4J layer config. */
    public static GanDenseLayer of(long nIn, long nOut, Activation activation) {
        GanDenseLayer layer = new GanDenseLayer();
        layer.setNIn(nIn);
        layer.setNOut(nOut);
        layer.setActivationFn(activation.getActivationFunction());
        return layer;
    }

    public boolean isInputGradientNeeded() {
        return inputGradientNeeded;
    }

    public void setInputGradientNeeded(boolean inputGradientNeeded) {
        this.inputGradientNeeded = inputGradientNeeded;
    }

    public boolean isParametersFrozen() {
        return parametersFrozen;
    }

    public void setParametersFrozen(boolean parametersFrozen) {
        this.parametersFrozen = parametersFrozen;
    }

    @Override
    public GanDenseLayer clone() {
        return (GanDenseLayer) super.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        Runtime layer = new Runtime(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GanDenseLayer other && super.equals(o)
                && inputGradientNeeded == other.inputGradientNeeded && parametersFrozen == other.parametersFrozen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), inputGradientNeeded, parametersFrozen);
    }

    /** DL4J's dense layer with the pre-activation kept for backprop and the unneeded products skipped. */
    static final class Runtime extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

        private INDArray preActivation;
        private INDArray preActivationInput;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private GanDenseLayer config() {
            return (GanDenseLayer) conf().getLayer();
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray z = preOutput(training, workspaceMgr);
            // FrozenLayerWithBackprop runs its layer with training = false, and still backprops through it
            if (training || config().isParametersFrozen()) {
                // activation functions work in place; backprop needs z itself
                preActivation = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
                preActivationInput = input;
            } else {
                forget();
            }
            INDArray out = layerConf().getActivationFn().getActivation(z, training);
            if (maskArray != null) {
                applyMask(out);
            }
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (preActivation == null || preActivationInput != input || maskArray != null || hasLayerNorm()) {
                forget();
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray delta = layerConf().getActivationFn().backprop(preActivation, epsilon).getFirst();
            forget();
            GanDenseLayer config = config();
            Gradient gradient = new DefaultGradient();
            if (!config.isParametersFrozen()) {
                if (hasBias()) {
                    INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                    delta.sum(biasGrad, 0);
                    gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
                }
                INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
                Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
                gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            }
            INDArray epsilonNext = null;
            if (config.isInputGradientNeeded()) {
                INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
                epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                        new long[] {w.size(0), delta.size(0)}, 'f');
                epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
                epsilonNext = backpropDropOutIfPresent(epsilonNext);
            }
            return new Pair<>(gradient, epsilonNext);
        }

        @Override
        public void clear() {
            super.clear();
            forget();
        }

        private void forget() {
            preActivation = null;
            preActivationInput = null;
        }
    }
}
