package dev.digitgan.model.nets;

import java.util.Collection;
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
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DenseLayer} that does only the matrix products a GAN step needs. DL4J's dense layer (M2.1), in training:
 * <ol>
 *   <li>recomputes its forward product {@code input·W} during backprop (the pre-activation is not kept);</li>
 *   <li>computes the gradient for its input even as a network's first layer, where nobody uses it;</li>
 *   <li>inside {@code FrozenLayerWithBackprop} computes weight and bias gradients that the wrapper then zeroes.</li>
 * </ol>
 * For the seed MLP those were about 40% of a step's multiply-adds. This layer keeps what backprop needs from the
 * forward pass (the activation itself for ReLU, tanh and identity, else a copy of the pre-activation, in the same
 * workspace as the activations), and its two flags say which gradients are not needed:
 * {@code inputGradientNeeded = false} for the first layer of a network, {@code parametersFrozen = true} for
 * D's layers inside the stacked network (which {@link GanNetworks} still wraps in {@code FrozenLayerWithBackprop}).
 * The results are those of DL4J's dense layer to float rounding (its GEMM calls and tanh are other implementations
 * of the same operations); {@code GanDenseLayerTest} checks that.
 */
public class GanDenseLayer extends DenseLayer implements ReducedBackprop {

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

    @Override
    public void setInputGradientNeeded(boolean inputGradientNeeded) {
        this.inputGradientNeeded = inputGradientNeeded;
    }

    public boolean isParametersFrozen() {
        return parametersFrozen;
    }

    @Override
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
        return RuntimeLayers.wire(new Runtime(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
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

        /** Kept from the forward pass: the activation (ReLU, identity) or a copy of the pre-activation (others). */
        private INDArray kept;
        private boolean keptIsActivation;
        private INDArray keptForInput;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private GanDenseLayer config() {
            return (GanDenseLayer) conf().getLayer();
        }

        /**
         * ReLU's, tanh's and identity's derivatives follow from their output (z > 0 exactly where relu(z) > 0,
         * tanh' = 1 − tanh²), so no copy of z is needed. DL4J's dropout (M2.1) writes its output to a new array and
         * leaves this one as it was.
         */
        private boolean derivativeFromOutput() {
            IActivation fn = layerConf().getActivationFn();
            return fn instanceof ActivationIdentity || fn instanceof ActivationTanH
                    || (fn instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
                            && relu.getNegativeSlope() == null);
        }

        /**
         * tanh through libnd4j's {@code tanh} custom op (oneDNN's vectorised tanh): M2.1's legacy transform, which
         * {@link ActivationTanH} runs, took 0.93 ms for G's 256x784 output here, the custom op 0.16 ms. They agree
         * to float rounding, not bit for bit.
         */
        private INDArray activation(INDArray z, boolean training) {
            IActivation fn = layerConf().getActivationFn();
            if (fn instanceof ActivationTanH) {
                Nd4j.exec(DynamicCustomOp.builder("tanh").addInputs(z).addOutputs(z).build());
                return z;
            }
            return fn.getActivation(z, training);
        }

        /** A plain ReLU (no cap, threshold or slope): the one {@link DenseRows} applies with the bias. */
        private boolean plainRelu() {
            return layerConf().getActivationFn() instanceof ActivationReLU relu && relu.getMax() == null
                    && relu.getThreshold() == null && relu.getNegativeSlope() == null;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (plainRelu() && maskArray == null && fastProductApplies()) {
                // the bias and ReLU in one pass over z (libnd4j's broadcast add and relu were two more)
                INDArray out = product(workspaceMgr, true);
                forget();
                if (training || config().isParametersFrozen()) {
                    kept = out;
                    keptIsActivation = true;
                    keptForInput = input;
                }
                return out;
            }
            INDArray z = preOutput(training, workspaceMgr);
            // FrozenLayerWithBackprop runs its layer with training = false, and still backprops through it
            boolean keep = training || config().isParametersFrozen();
            boolean fromOutput = derivativeFromOutput();
            forget();
            if (keep && !fromOutput) {
                // activation functions work in place; their backprop needs z itself
                kept = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
                keptForInput = input;
            }
            INDArray out = activation(z, training);
            if (maskArray != null) {
                applyMask(out);
            }
            if (keep && fromOutput) {
                kept = out;
                keptIsActivation = true;
                keptForInput = input;
            }
            return out;
        }

        /**
         * DL4J's {@code input.mmuli(W, z)} into its row-major activation array took 2.5x as long here as BLAS's GEMM
         * writing that array directly ({@link Nd4j#gemm}): 3.2 against 1.3 ms for D's 512x784x300 product.
         */
        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                LayerWorkspaceMgr workspaceMgr) {
            if (!fastProductApplies()) {
                // DL4J's own path, with its input validation messages
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            assertInputSet(forBackprop);
            INDArray z = product(workspaceMgr, false);
            if (maskArray != null) {
                applyMask(z);
            }
            return new Pair<>(z, z);
        }

        private boolean fastProductApplies() {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            return !hasLayerNorm() && layerConf().getIDropout() == null && layerConf().getWeightNoise() == null
                    && input != null && input.rank() == 2 && input.size(1) == w.size(0)
                    && w.dataType() == DataType.FLOAT;
        }

        /** input·W + b (then ReLU if asked) into a new c-order activation array. */
        private INDArray product(LayerWorkspaceMgr workspaceMgr, boolean relu) {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(),
                    new long[] {input.size(0), w.size(1)}, 'c');
            Nd4j.gemm(input.castTo(w.dataType()), w, z, false, false, 1.0, 0.0);
            float[] bias = hasBias() ? RowMajorFloats.of(getParam(DefaultParamInitializer.BIAS_KEY))
                    : new float[Math.toIntExact(w.size(1))];
            DenseRows.addBias(KernelThreads.shared(), z, bias, relu);
            return z;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (kept == null || keptForInput != input || maskArray != null || hasLayerNorm()) {
                forget();
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray delta;
            // the bias gradient, when the ReLU pass below summed it on the way
            float[] biasSums = null;
            if (!keptIsActivation) {
                delta = layerConf().getActivationFn().backprop(kept, epsilon).getFirst();
            } else if (layerConf().getActivationFn() instanceof ActivationIdentity) {
                delta = epsilon;
            } else if (layerConf().getActivationFn() instanceof ActivationTanH) {
                // tanh'(z)·ε = (1 − tanh(z)²)·ε from the kept tanh(z)
                delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(),
                        epsilon.shape(), 'c');
                if (DenseRows.handles(kept, epsilon, delta)) {
                    biasSums = DenseRows.tanhDelta(KernelThreads.shared(), kept, epsilon, delta,
                            !config().isParametersFrozen() && hasBias());
                } else {
                    Nd4j.exec(new MulOp(kept, kept, delta));
                    Nd4j.exec(new ScalarReverseSubtraction(delta, null, delta, 1.0));
                    Nd4j.exec(new MulOp(delta, epsilon, delta));
                }
            } else {
                // relu'(z)·ε from relu(z); not in place: the activation is the next layer's input, which DL4J reads
                // again to compute the score after backprop
                delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(),
                        epsilon.shape(), 'c');
                if (DenseRows.handles(kept, epsilon, delta)) {
                    biasSums = DenseRows.reluDelta(KernelThreads.shared(), kept, epsilon, delta,
                            !config().isParametersFrozen() && hasBias());
                } else {
                    Nd4j.exec(new RectifiedLinearDerivative(kept, epsilon, delta));
                }
            }
            forget();
            GanDenseLayer config = config();
            Gradient gradient = new DefaultGradient();
            if (!config.isParametersFrozen()) {
                if (hasBias()) {
                    INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                    if (biasSums != null) {
                        DenseRows.store(biasSums, biasGrad);
                    } else {
                        delta.sum(biasGrad, 0);
                    }
                    gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
                }
                INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
                DenseWeightGradient.into(input, delta, weightGrad);
                gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            }
            INDArray epsilonNext = null;
            if (config.isInputGradientNeeded()) {
                INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
                epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                        new long[] {delta.size(0), w.size(0)}, 'c');
                Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
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
            kept = null;
            keptIsActivation = false;
            keptForInput = null;
        }
    }
}
