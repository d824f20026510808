package dev.digitgan.model.nets;

import java.util.Collection;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link ConvolutionLayer} whose forward and backward passes run libnd4j's native {@code conv2d} /
 * {@code conv2d_bp} ops instead of DL4J's Java-side im2col + GEMM path, and which, like {@link GanDenseLayer},
 * skips the gradients a GAN step does not use.
 *
 * <p>Why native ops: with DL4J/ND4J 1.0.0-M2.1 on CPU, the built-in path first zeroes a permuted (non-contiguous)
 * im2col buffer element by element; on this machine that cost ~100 ns per element and made a 3x3 convolution at
 * 28x28 run at well under 1 GFLOP/s (perf: 76% of the time in {@code ScalarTransform<CopyPws>}). DL4J does have a
 * helper that calls the native ops ({@link MKLDNNConvHelper}), but M2.1 never enables it: its availability check
 * looks up {@code Environment.isUseMKLDNN()}, a method the M2.1 native bindings renamed to {@code isUseONEDNN()}.
 * This layer installs that helper unconditionally. The native op is correct on every CPU build (a oneDNN build of
 * libnd4j dispatches it to oneDNN); {@code NativeConvolutionLayerTest} checks it against the built-in path.
 *
 * <p>Why the flags: {@code conv2d_bp} always computes both the input and the weight gradient. Inside the stacked
 * network D's layers are frozen ({@code parametersFrozen}, and {@link GanNetworks} still wraps them in
 * {@code FrozenLayerWithBackprop}): only the input gradient is needed, which libnd4j's {@code deconv2d_tf} (oneDNN's
 * backward-data convolution alone) computes. As D's first layer ({@code inputGradientNeeded = false}) only the
 * weight gradient is needed; with one input channel oneDNN pads the backward-data pass to 16 channels, and it was
 * most of that layer's backward time here, so the weight gradient is im2col + one batched matrix product instead.
 *
 * <p>Why its own LeakyReLU: M2.1's LeakyReLU ops ({@code leakyrelu}, {@code lrelu_bp}) ran at 5–15 ns per element
 * here, against about 0.3 for plain scalar and pairwise ops on the same arrays; at D's sizes they took more time
 * than D's convolutions. With 0 &lt; α &lt; 1 this layer computes max(z, αz) and ε·(z &lt; 0 ? α : 1) from such
 * ops (the same floats: {@code NativeConvolutionLayerTest} compares bit for bit), keeps the activation itself for
 * backprop (its sign is z's) instead of a copy of z, and does so in the frozen layers too, whose forward
 * convolution DL4J would otherwise recompute in backprop ({@code FrozenLayerWithBackprop} runs its layer in
 * inference mode, which caches nothing).
 */
public class NativeConvolutionLayer extends ConvolutionLayer implements ReducedBackprop {

    private boolean inputGradientNeeded = true;
    private boolean parametersFrozen;

    /** For DL4J's JSON (de)serialisation of network configurations. */
    private NativeConvolutionLayer() {
    }

    public NativeConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
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
    public NativeConvolutionLayer clone() {
        return (NativeConvolutionLayer) super.clone();
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
        return o instanceof NativeConvolutionLayer other && super.equals(o)
                && inputGradientNeeded == other.inputGradientNeeded && parametersFrozen == other.parametersFrozen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), inputGradientNeeded, parametersFrozen);
    }

    /** DL4J's convolution layer with the native-op helper installed and the unneeded gradients skipped. */
    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

        /** The LeakyReLU activation kept from the forward pass, and the input it (or keptPreOutput) came from. */
        private INDArray kept;
        private INDArray keptForInput;
        /** G's last layer (one output channel): its pre-activation from the forward pass, for backprop. */
        private INDArray keptPreOutput;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            this.helper = new NativeOpHelper(dataType);
        }

        /** α when this layer's LeakyReLU can take the fast path (see the class comment), else NaN. */
        private double leakyReluAlpha() {
            if (layerConf().getActivationFn() instanceof ActivationLReLU lrelu) {
                double alpha = lrelu.getAlpha();
                float a = (float) alpha;
                // ε·(s·(1−α) + α) with s ∈ {0, 1} must give exactly ε·α and ε, as lrelu_bp's branches do
                if (alpha > 0 && alpha < 1 && (float) (1 - alpha) + a == 1f) {
                    return alpha;
                }
            }
            return Double.NaN;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            forget();
            if (input != null && reducedBackpropApplies() && singleOutputChannel()
                    && SingleChannelConvolution.handles(input)) {
                return singleChannelActivate(training, workspaceMgr);
            }
            double alpha = leakyReluAlpha();
            if (Double.isNaN(alpha) || !reducedBackpropApplies() || input == null || input.rank() != 4) {
                return super.activate(training, workspaceMgr);
            }
            INDArray z = preOutput(training, false, workspaceMgr).getFirst();
            INDArray scaled = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, z.dataType(), z.shape(),
                    'c');
            Nd4j.exec(new ScalarMultiplication(z, null, scaled, alpha));
            Nd4j.exec(new Max(z, scaled, z));
            if (training || config().isParametersFrozen()) {
                kept = z;
                keptForInput = input;
            }
            return z;
        }

        @Override
        public void clear() {
            super.clear();
            forget();
        }

        private void forget() {
            kept = null;
            keptForInput = null;
            keptPreOutput = null;
        }

        /**
         * G's last layer forward by {@link SingleChannelConvolution}; in training its pre-activation is kept for
         * backprop (DL4J's path recomputes it there).
         */
        private INDArray singleChannelActivate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            applyDropOutIfNecessary(training, workspaceMgr);
            INDArray z = singleChannelPreOutput(workspaceMgr);
            INDArray activation = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
            layerConf().getActivationFn().getActivation(activation, training);
            if (training) {
                keptPreOutput = z;
                keptForInput = input;
            }
            return activation;
        }

        private INDArray singleChannelPreOutput(LayerWorkspaceMgr workspaceMgr) {
            long[] in = input.shape();
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    new long[] {in[0], 1, in[2], in[3]}, 'c');
            float bias = hasBias() ? getParam(ConvolutionParamInitializer.BIAS_KEY).getFloat(0) : 0f;
            SingleChannelConvolution.forward(KernelThreads.shared(), input, singleChannelWeights(), bias,
                    layerConf().getKernelSize()[0], z);
            return z;
        }

        /**
         * Both gradients of G's last layer from {@link SingleChannelConvolution}: the input gradient, and the
         * shifted copies of δ it makes on the way, from which the weight gradient is one batched product,
         * dL/dW[c, t] = Σ_n Σ_p x[n, c, p] · shifts[n, t, p] (libnd4j's im2col of δ took 6.5 ms here, 3.6 ns a value).
         */
        private INDArray singleChannelGradients(INDArray delta, Gradient gradient, LayerWorkspaceMgr workspaceMgr) {
            int k = layerConf().getKernelSize()[0];
            long n = input.size(0);
            long inC = input.size(1);
            long plane = input.size(2) * input.size(3);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape(), 'c');
            INDArray shifts = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[] {n, (long) k * k, plane}, 'c');
            SingleChannelConvolution.inputGradient(KernelThreads.shared(), delta, singleChannelWeights(), k,
                    epsilonNext, shifts);
            INDArray perImage = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[] {n, inC, (long) k * k}, 'c');
            Nd4j.matmul(input.reshape('c', n, inC, plane), shifts, perImage, false, true, false);
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            perImage.sum(weightGrad.reshape('c', inC, (long) k * k), 0);
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                biasGrad.assign(delta.sum());
                gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            }
            gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
            return epsilonNext;
        }

        /** The weights [1, c, k, k] as c·k·k floats in c order. */
        private float[] singleChannelWeights() {
            return getParam(ConvolutionParamInitializer.WEIGHT_KEY).dup('c').data().asFloat();
        }

        /** ε·lrelu'(z) from the kept activation a = lrelu(z): a &lt; 0 exactly where z &lt; 0. */
        private INDArray leakyReluDelta(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            double alpha = leakyReluAlpha();
            INDArray d = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, kept.dataType(), kept.shape(),
                    'c');
            Nd4j.exec(new ScalarMultiplication(kept, null, d, -1.0));
            Nd4j.exec(new Step(d, d, 0.0));
            Nd4j.exec(new ScalarReverseSubtraction(d, null, d, 1.0));
            Nd4j.exec(new ScalarMultiplication(d, null, d, 1 - alpha));
            Nd4j.exec(new ScalarAdd(d, null, d, alpha));
            Nd4j.exec(new MulOp(d, epsilon, d));
            return d;
        }

        private NativeConvolutionLayer config() {
            return (NativeConvolutionLayer) conf().getLayer();
        }

        /** The cases the reduced passes handle; anything else takes DL4J's own backprop. */
        private boolean reducedBackpropApplies() {
            ConvolutionLayer c = layerConf();
            return c.getCnn2dDataFormat() == CNN2DFormat.NCHW && c.getIDropout() == null && c.getWeightNoise() == null
                    && maskArray == null && c.getDilation()[0] == 1 && c.getDilation()[1] == 1
                    && (convolutionMode == ConvolutionMode.Same || convolutionMode == ConvolutionMode.Truncate);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            NativeConvolutionLayer config = config();
            boolean frozen = config.isParametersFrozen();
            boolean inputGradient = config.isInputGradientNeeded();
            boolean fromKept = kept != null && keptForInput == input;
            if (!frozen && inputGradient && !fromKept && reducedBackpropApplies() && singleOutputChannel()) {
                assertInputSet(true);
                boolean stencil = SingleChannelConvolution.handles(input, epsilon);
                INDArray z;
                if (keptPreOutput != null && keptForInput == input) {
                    z = keptPreOutput;
                } else if (stencil) {
                    z = singleChannelPreOutput(workspaceMgr);
                } else {
                    z = preOutput4d(true, true, workspaceMgr).getFirst();
                }
                forget();
                INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
                Gradient gradient = new DefaultGradient();
                if (!stencil || !SingleChannelConvolution.handles(delta)) {
                    singleChannelWeightGradient(delta, gradient, workspaceMgr);
                    return new Pair<>(gradient, inputGradient(delta, workspaceMgr));
                }
                return new Pair<>(gradient, singleChannelGradients(delta, gradient, workspaceMgr));
            }
            if ((!frozen && inputGradient && !fromKept) || !reducedBackpropApplies()) {
                forget();
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray delta;
            if (fromKept) {
                delta = leakyReluDelta(epsilon, workspaceMgr);
            } else {
                INDArray z = preOutput4d(true, true, workspaceMgr).getFirst();
                delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            }
            forget();
            Gradient gradient = new DefaultGradient();
            if (!frozen && inputGradient) {
                return bothGradients(delta, gradient, workspaceMgr);
            }
            if (!frozen) {
                weightGradient(delta, gradient, workspaceMgr);
            }
            // Not computed as a first layer: zeros stand in, because DL4J hands a first layer's input gradient to
            // the network's input preprocessor (D's reshape of flat images) although nothing reads it.
            INDArray epsilonNext = inputGradient ? inputGradient(delta, workspaceMgr)
                    : workspaceMgr.create(ArrayType.ACTIVATION_GRAD, delta.dataType(), input.shape(), 'c');
            return new Pair<>(gradient, epsilonNext);
        }

        /** libnd4j's iArgs for conv2d-family ops: kernel, stride, top-left padding, dilation 1, same mode, NCHW. */
        private int[] convArguments() {
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            int[] pad = padding();
            return new int[] {kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], 1, 1,
                    convolutionMode == ConvolutionMode.Same ? 1 : 0, 0};
        }

        private int[] padding() {
            if (convolutionMode != ConvolutionMode.Same) {
                return layerConf().getPadding();
            }
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            int[] dilation = layerConf().getDilation();
            int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, convolutionMode, dilation);
            return ConvolutionUtils.getSameModeTopLeftPadding(outSize,
                    new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation);
        }

        /** One output channel, stride 1, an odd square kernel, same padding: G's last convolution. */
        private boolean singleOutputChannel() {
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            return layerConf().getNOut() == 1 && strides[0] == 1 && strides[1] == 1 && kernel[0] == kernel[1]
                    && kernel[0] % 2 == 1 && convolutionMode == ConvolutionMode.Same;
        }

        /**
         * dL/dW of a one-output-channel convolution without conv2d_bp, whose oneDNN backward passes pad the output
         * channel to 16 (52 ms against 14 for G's last layer here): W[c, i, j] = Σ δ[p] x[c, p + o(i, j)]. im2col
         * of the one-channel delta gives δ[p + o(i, j)] for every p, so Σ_p x[c, p] · that is the gradient at the
         * mirrored offset −o(i, j), i.e. at kernel index (k−1−i, k−1−j) with the symmetric padding of an odd
         * kernel: one batched product, a sum over the batch and a reversal of the k² kernel entries.
         */
        private void singleChannelWeightGradient(INDArray delta, Gradient gradient, LayerWorkspaceMgr workspaceMgr) {
            int k = layerConf().getKernelSize()[0];
            int[] pad = padding();
            long n = input.size(0);
            long inC = input.size(1);
            long h = delta.size(2);
            long w = delta.size(3);
            INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                    new long[] {n, 1, k, k, h, w}, 'c');
            Nd4j.exec(DynamicCustomOp.builder("im2col")
                    .addInputs(delta)
                    .addOutputs(cols)
                    .addIntegerArguments(k, k, 1, 1, pad[0], pad[1], 1, 1, 1)
                    .addFloatingPointArguments(0.0)
                    .build());
            INDArray perImage = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                    new long[] {n, inC, (long) k * k}, 'c');
            Nd4j.matmul(input.castTo(delta.dataType()).reshape('c', n, inC, h * w), cols.reshape('c', n, (long) k * k,
                    h * w), perImage, false, true, false);
            INDArray mirrored = perImage.sum(0);
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            Nd4j.exec(DynamicCustomOp.builder("reverse")
                    .addInputs(mirrored)
                    .addOutputs(weightGrad.reshape('c', inC, (long) k * k))
                    .addIntegerArguments(1)
                    .build());
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                biasGrad.assign(delta.sum());
                gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            }
            gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
        }

        /** What DL4J's helper does with a delta: libnd4j's conv2d_bp, weight, bias and input gradient at once. */
        private Pair<Gradient, INDArray> bothGradients(INDArray delta, Gradient gradient,
                LayerWorkspaceMgr workspaceMgr) {
            INDArray weights = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    input.shape(), 'c');
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp")
                    .addIntegerArguments(convArguments());
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                long outC = delta.size(1);
                op.addInputs(input.castTo(delta.dataType()), weights.permute(2, 3, 1, 0),
                        getParam(ConvolutionParamInitializer.BIAS_KEY).reshape(outC), delta)
                        .addOutputs(epsilonNext, weightGrad.permute(2, 3, 1, 0), biasGrad.reshape(outC));
                gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            } else {
                op.addInputs(input.castTo(delta.dataType()), weights.permute(2, 3, 1, 0), delta)
                        .addOutputs(epsilonNext, weightGrad.permute(2, 3, 1, 0));
            }
            Nd4j.exec(op.build());
            gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
            return new Pair<>(gradient, epsilonNext);
        }

        /** dL/dx alone: oneDNN's backward-data convolution (libnd4j {@code deconv2d_tf}), no weight gradient. */
        private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
            if (input.size(1) == 1 && delta.dataType() == DataType.FLOAT) {
                return singleInputChannelGradient(delta, workspaceMgr);
            }
            INDArray weights = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    input.shape(), 'c');
            INDArray shape = Nd4j.createFromArray(input.shape());
            Nd4j.exec(DynamicCustomOp.builder("deconv2d_tf")
                    .addInputs(shape, weights.permute(2, 3, 1, 0), delta)
                    .addOutputs(epsilonNext)
                    .addIntegerArguments(convArguments())
                    .build());
            return epsilonNext;
        }

        /**
         * dL/dx of a one-input-channel convolution (D's first layer, frozen in the G step): the k² column planes
         * Wᵀ·δ of every image in one GEMM, then libnd4j's col2im adds each plane into the image at its tap's offset
         * and stride. oneDNN's backward-data pass pads the one channel to 16 and reorders layouts: for
         * [256, 32, 14, 14] → [256, 1, 28, 28] (5x5, stride 2, one thread, fastest of 60) deconv2d_tf took 14.0 ms,
         * this 6.7 ms (5.0 the transpose and GEMM, 1.7 col2im).
         */
        private INDArray singleInputChannelGradient(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            int[] pad = padding();
            long n = delta.size(0);
            long outC = delta.size(1);
            long outH = delta.size(2);
            long outW = delta.size(3);
            long taps = (long) kernel[0] * kernel[1];
            INDArray transposed = getParam(ConvolutionParamInitializer.WEIGHT_KEY).reshape('c', outC, taps)
                    .transpose().dup('c');
            long plane = outH * outW;
            // δ as [outC, n·plane]: one GEMM for the whole batch (a batched product of per-image ones took 7.4 ms)
            INDArray channelsFirst = workspaceMgr.dup(ArrayType.BP_WORKING_MEM,
                    delta.reshape('c', n, outC, plane).permute(1, 0, 2), 'c').reshape('c', outC, n * plane);
            INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[] {taps, n * plane}, 'c');
            Nd4j.gemm(transposed, channelsFirst, cols, false, false, 1.0, 0.0);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    input.shape(), 'c');
            Nd4j.exec(DynamicCustomOp.builder("col2im")
                    .addInputs(cols.reshape('c', taps, n, plane).permute(1, 0, 2)
                            .reshape(n, 1, kernel[0], kernel[1], outH, outW))
                    .addOutputs(epsilonNext)
                    .addIntegerArguments(strides[0], strides[1], pad[0], pad[1], (int) input.size(2),
                            (int) input.size(3), 1, 1, 0)
                    .build());
            return epsilonNext;
        }

        /**
         * dL/dW and dL/db alone: im2col of the input to [n, inC·kH·kW, outH·outW], one batched product with the
         * delta [n, outC, outH·outW], summed over the batch.
         */
        private void weightGradient(INDArray delta, Gradient gradient, LayerWorkspaceMgr workspaceMgr) {
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            int[] pad = padding();
            long n = input.size(0);
            long inC = input.size(1);
            long outC = delta.size(1);
            long outH = delta.size(2);
            long outW = delta.size(3);
            INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                    new long[] {n, inC, kernel[0], kernel[1], outH, outW}, 'c');
            Nd4j.exec(DynamicCustomOp.builder("im2col")
                    .addInputs(input.castTo(delta.dataType()))
                    .addOutputs(cols)
                    .addIntegerArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], 1, 1,
                            convolutionMode == ConvolutionMode.Same ? 1 : 0)
                    .addFloatingPointArguments(0.0)
                    .build());
            long k = inC * kernel[0] * kernel[1];
            INDArray delta3d = delta.reshape('c', n, outC, outH * outW);
            INDArray perImage = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(),
                    new long[] {n, outC, k}, 'c');
            Nd4j.matmul(delta3d, cols.reshape('c', n, k, outH * outW), perImage, false, true, false);
            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            perImage.sum(weightGrad.reshape('c', outC, k), 0);
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
                delta.sum(biasGrad.reshape(outC), 0, 2, 3);
                gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            }
            gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
        }
    }

    /** The helper without M2.1's broken availability check. */
    static final class NativeOpHelper extends MKLDNNConvHelper {
        NativeOpHelper(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported() {
            return true;
        }
    }
}
