package dev.digitgan.model.nets;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D's output layer: DL4J's {@link OutputLayer} (same parameters, layout, loss and results) with its three matrix
 * products given to libnd4j so that oneDNN computes them. DL4J (M2.1) computes the forward product with
 * {@code mmuli}, which libnd4j gives to OpenBLAS, and writes the weight gradient into its column-major view and the
 * input gradient into a column-major array; libnd4j hands a product with a column-major output to OpenBLAS too.
 * OpenBLAS then keeps a thread of its own spinning on {@code sched_yield} after each call, and at two threads on two
 * cores that thread competes with libnd4j's OpenMP thread: {@code sched_yield} was 3.8 % of a two-thread
 * {@code dcgan} run's samples with DL4J's layer, 0.01 % with this one.
 *
 * <p>With {@code parametersFrozen} (D's output layer inside the stacked network, which {@link GanNetworks} still
 * wraps in {@code FrozenLayerWithBackprop}) the weight and bias gradients, which the wrapper zeroes, are not computed.
 */
public class GanOutputLayer extends OutputLayer implements ReducedBackprop {

    private boolean parametersFrozen;

    /** For DL4J's JSON (de)serialisation of network configurations. */
    public GanOutputLayer() {
    }

    private GanOutputLayer(OutputLayer.Builder builder) {
        super(builder);
    }

    /** The layer {@code builder} describes (DL4J's defaults and all), with this layer's backprop. */
    public static GanOutputLayer of(OutputLayer.Builder builder) {
        return new GanOutputLayer(builder);
    }

    public boolean isParametersFrozen() {
        return parametersFrozen;
    }

    @Override
    public void setParametersFrozen(boolean parametersFrozen) {
        this.parametersFrozen = parametersFrozen;
    }

    @Override
    public GanOutputLayer clone() {
        return (GanOutputLayer) super.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GanOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new Runtime(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GanOutputLayer other && super.equals(o) && parametersFrozen == other.parametersFrozen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), parametersFrozen);
    }

    /** DL4J's output layer with its backprop products written row-major. */
    static final class Runtime extends org.deeplearning4j.nn.layers.OutputLayer {

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** input·W + b, with W through {@link Nd4j#gemm} (which oneDNN computes; DL4J's {@code mmuli} is not). */
        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                LayerWorkspaceMgr workspaceMgr) {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            if (!plain() || input == null || input.rank() != 2 || input.size(1) != w.size(0)) {
                // DL4J's own path, with its input validation messages
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            assertInputSet(forBackprop);
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(),
                    new long[] {input.size(0), w.size(1)}, 'c');
            Nd4j.gemm(input.castTo(w.dataType()), w, z, false, false, 1.0, 0.0);
            if (hasBias()) {
                z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
            }
            return new Pair<>(z, z);
        }

        /** No mask, weight noise, dropout or layer norm, and float weights: all that D's output layer has. */
        private boolean plain() {
            return maskArray == null && layerConf().getWeightNoise() == null && layerConf().getIDropout() == null
                    && !hasLayerNorm() && getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() == DataType.FLOAT;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!plain()) {
                // DL4J's own path for what D's output layer never has
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            // the pre-activation again, as DL4J does
            INDArray preOut = preOutput2d(true, workspaceMgr);
            INDArray delta = layerConf().getLossFn().computeGradient(getLabels2d(workspaceMgr,
                    ArrayType.BP_WORKING_MEM), preOut, layerConf().getActivationFn(), null);
            Gradient gradient = new DefaultGradient();
            if (!((GanOutputLayer) layerConf()).isParametersFrozen()) {
                INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
                DenseWeightGradient.into(input, delta, weightGrad);
                gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
                if (hasBias()) {
                    INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                    delta.sum(biasGrad, 0);
                    gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
                }
            }
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {delta.size(0), w.size(0)}, 'c');
            Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
            return new Pair<>(gradient, epsilonNext);
        }
    }
}
