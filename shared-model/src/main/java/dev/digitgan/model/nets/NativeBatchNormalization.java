package dev.digitgan.model.nets;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link BatchNormalization} that normalises flat and convolutional (NCHW) activations in Java loops with DL4J's
 * default configuration, and otherwise convolutional ones with libnd4j's native {@code batchnorm} /
 * {@code batchnorm_bp} ops (oneDNN in this build), instead of DL4J's Java-side chain of broadcast ops.
 *
 * <p>Why the native ops: as for the convolution ({@link NativeConvolutionLayer}), DL4J M2.1 has the helper that
 * calls those ops ({@link MKLDNNBatchNormHelper}) but never enables it (its availability check looks up a method the
 * M2.1 native bindings renamed), and the runtime layer keeps it in a package-private field, which this class sets.
 * Measured here, one fit of batch norm over [256, 32, 14, 14]: 101 ms on DL4J's path, 46 ms with the helper; over flat
 * [256, 3136] the helper was slower (96 against 61 ms).
 *
 * <p>Flat [batch, features] input (G's batch norm after its dense layer) runs in Java loops instead
 * ({@link FlatBatchNorm}) when the configuration is DL4J's default (learned gamma and beta, the running std kept
 * as log10, {@code useLogStd}): DL4J's rank-2 path is a chain of broadcast and reduce ops, each a pass over the
 * activations with temporaries, and its backprop keeps x − mean and x̂ from the forward pass; the loops keep the
 * per-column mean and std and make two passes each way. Measured in one JVM, one thread, interleaved (the fastest
 * of 100 calls each, load 2.4): over [256, 3136] forward 10.6 ms on DL4J's path, 2.2 ms here; backward 16.6
 * against 2.8 ms. A dcgan step, 40 each interleaved in one JVM (load 2.1-2.4): 367 against 337 ms (the fastest),
 * 1.09 times as fast (1.08 on the means). Any other rank-2 case takes DL4J's Java path: M2.1 hands rank-2 input to the
 * helper reshaped to [n, c, 1, 1], which the helper would take, so the layer calls DL4J's path without it.
 *
 * <p>NCHW [n, c, h, w] input (G's batch norm over [256, 32, 14, 14]) runs in Java loops too ({@link ChannelBatchNorm},
 * the same per-channel arithmetic with the statistics over n·h·w), with the same configuration, float, in c order
 * (the project's convolution's output; DL4J's own convolution hands on a permuted view, which goes to the helper).
 * Around the helper DL4J computes the batch mean and variance itself, with slow reductions: perf on a dcgan step
 * (one thread) put its variance ({@code SummaryStatsReduce}) at 4.7 % of the training thread, its means and sums at
 * 2.3 % more, plus broadcasts, against 2.2 % for oneDNN's forward and backward. Measured in one JVM, one thread,
 * interleaved (the fastest of 100 calls each, load 2.7-2.9): over [256, 32, 14, 14] forward 14.5 ms on the helper
 * path, 2.2 ms here; backward 18.4 against 3.3 ms. A dcgan step, 40 each interleaved (load 2.7-3.0): 385 against
 * 344 ms (the fastest), 1.12 times as fast (1.12 on the means). Any other NCHW case (NHWC, not float, a strided
 * view, lockGammaBeta, useLogStd false) takes the helper path as before.
 *
 * <p>The parameters (gamma, beta, running mean, running log10 std) are the same arrays in the same order;
 * {@code NativeBatchNormalizationTest} compares outputs, gradients and the running statistics with DL4J's layer.
 */
public class NativeBatchNormalization extends BatchNormalization {

    private static final Field HELPER;

    static {
        try {
            HELPER = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
            HELPER.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** DL4J's defaults (those of {@code new BatchNormalization.Builder().build()}); also for JSON. */
    public NativeBatchNormalization() {
    }

    @Override
    public NativeBatchNormalization clone() {
        return (NativeBatchNormalization) super.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("BatchNormalization", getLayerName(), layerIndex, getNOut());
        org.deeplearning4j.nn.api.Layer layer = RuntimeLayers.wire(new Runtime(conf, networkDataType), conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams, initializer());
        setHelper(layer, new NativeOpHelper(networkDataType));
        return layer;
    }

    private static void setHelper(org.deeplearning4j.nn.api.Layer layer, NativeOpHelper helper) {
        try {
            HELPER.set(layer, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot install the native batch-norm helper", e);
        }
    }

    /**
     * DL4J's batch-norm layer whose rank-2 and NCHW float input with the default configuration (learned gamma and
     * beta, {@code useLogStd}) is normalised by {@link FlatBatchNorm} and {@link ChannelBatchNorm}; everything else
     * takes DL4J's path (the helper for NCHW input, DL4J's Java ops otherwise).
     */
    static final class Runtime extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {

        /** 1 / (2 ln 10): DL4J's factor from ln(variance ratio) to the change of log10(std). */
        private static final double HALF_LOG10_E = 1 / (2 * Math.log(10));

        /** The mean and std the last Java forward pass normalised with (batch or running); null after DL4J's. */
        private float[] mean;
        private float[] std;
        /** The batch variance of a Java training pass and the input it is of; null otherwise. */
        private float[] batchVariance;
        private INDArray statisticsOf;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** Whether the last forward pass took the Java path, flat or NCHW (for tests). */
        boolean javaPathTaken() {
            return mean != null;
        }

        /**
         * DL4J's own path for rank-2 input the flat path does not take: DL4J hands rank-2 input to the helper as
         * [n, c, 1, 1], and oneDNN was slower there than DL4J's Java ops (above).
         */
        private <T> T withoutHelper(Supplier<T> call) {
            NativeOpHelper helper = (NativeOpHelper) getHelper();
            setHelper(this, null);
            try {
                return call.get();
            } finally {
                setHelper(this, helper);
            }
        }

        /** DL4J's default configuration and float [n, c] or NCHW [n, c, h, w] input with c = nOut, in c order. */
        private boolean javaPath(INDArray x) {
            BatchNormalization conf = layerConf();
            return !conf.isLockGammaBeta() && conf.isUseLogStd() && dataType == DataType.FLOAT
                    && (FlatBatchNorm.handles(x)
                            || conf.getCnn2DFormat() == CNN2DFormat.NCHW && ChannelBatchNorm.handles(x))
                    && x.size(1) == conf.getNOut();
        }

        /** The number of values each feature's statistics are over: n (flat), n·h·w (NCHW). */
        private static int count(INDArray x) {
            return x.rank() == 2 ? Math.toIntExact(x.size(0)) : ChannelBatchNorm.count(x);
        }

        private static void statistics(INDArray x, float[] mean, float[] variance) {
            if (x.rank() == 2) {
                FlatBatchNorm.statistics(x, mean, variance);
            } else {
                ChannelBatchNorm.statistics(KernelThreads.shared(), x, mean, variance);
            }
        }

        @Override
        public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
            if (!javaPath(x)) {
                mean = null;
                std = null;
                batchVariance = null;
                statisticsOf = null;
                return x.rank() == 2 ? withoutHelper(() -> super.preOutput(x, training, workspaceMgr))
                        : super.preOutput(x, training, workspaceMgr);
            }
            int features = Math.toIntExact(x.size(1));
            double eps = layerConf().getEps();
            float[] m;
            float[] s = new float[features];
            if (training == TrainingMode.TRAIN) {
                // DL4J: x.mean(0), x.var(false, 0) (biased), std = sqrt(var + eps); over dimensions 0, 2 and 3
                // for NCHW input, biased as well (so is the oneDNN helper's Variance(x, false, 0, 2, 3))
                m = new float[features];
                float[] variance = new float[features];
                statistics(x, m, variance);
                for (int c = 0; c < features; c++) {
                    s[c] = (float) Math.sqrt(variance[c] + eps);
                }
                batchVariance = variance;
                statisticsOf = x;
            } else {
                // DL4J: var = (10^log10std)^2 of the running estimate, std = sqrt(var + eps)
                m = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
                float[] logStd = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
                for (int c = 0; c < features; c++) {
                    double runningStd = Math.pow(10, logStd[c]);
                    s[c] = (float) Math.sqrt(runningStd * runningStd + eps);
                }
                batchVariance = null;
                statisticsOf = null;
            }
            mean = m;
            std = s;
            float[] gamma = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.GAMMA));
            float[] beta = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.BETA));
            float[] scale = new float[features];
            for (int c = 0; c < features; c++) {
                scale[c] = gamma[c] / s[c];
            }
            INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
            if (x.rank() == 2) {
                FlatBatchNorm.normalise(x, m, scale, beta, output);
            } else {
                ChannelBatchNorm.normalise(KernelThreads.shared(), x, m, scale, beta, output);
            }
            return output;
        }

        /**
         * DL4J's rank-2 backprop, and its rank-4 one with n the number of values per channel (n·h·w): with
         * x̂ = (x − mean) / std from the forward pass, dL/dβ = Σ ε, dL/dγ = Σ ε · x̂,
         * dL/dvar = −½ γ Σ ε (x − mean) / std³, dL/dmean = −γ Σ ε / std − 2 / n · Σ (x − mean) · dL/dvar and
         * dL/dx = γ ε / std + 2 / n · (x − mean) · dL/dvar + dL/dmean / n. The running statistics move through
         * their "gradients", which the network subtracts: (mean − batch mean)(1 − decay) and, for log10 std,
         * ½ log10(var / (decay · var + (1 − decay) · batch var)) with the batch's biased variance (for NCHW the
         * helper path takes the same biased statistics from the helper's caches).
         */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray x = input;
            if (mean == null || !javaPath(x) || !Arrays.equals(epsilon.shape(), x.shape())) {
                return x.rank() == 2 ? withoutHelper(() -> super.backpropGradient(epsilon, workspaceMgr))
                        : super.backpropGradient(epsilon, workspaceMgr);
            }
            boolean flat = x.rank() == 2;
            INDArray e = (flat ? FlatBatchNorm.handles(epsilon) : ChannelBatchNorm.handles(epsilon)) ? epsilon
                    : epsilon.castTo(DataType.FLOAT).dup('c');
            int n = count(x);
            int features = Math.toIntExact(x.size(1));
            float[] batchMean = mean;
            float[] variance = batchVariance;
            if (statisticsOf != x) {
                batchMean = new float[features];
                variance = new float[features];
                statistics(x, batchMean, variance);
            }
            float[] sumEpsilon = new float[features];
            float[] sumEpsilonDeviation = new float[features];
            float[] sumDeviation = new float[features];
            if (flat) {
                FlatBatchNorm.gradientSums(x, e, mean, sumEpsilon, sumEpsilonDeviation, sumDeviation);
            } else {
                ChannelBatchNorm.gradientSums(KernelThreads.shared(), x, e, mean, sumEpsilon, sumEpsilonDeviation,
                        sumDeviation);
            }

            float[] gamma = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.GAMMA));
            float[] dGamma = new float[features];
            float[] a = new float[features];
            float[] k = new float[features];
            float[] b = new float[features];
            for (int c = 0; c < features; c++) {
                double s = std[c];
                double dVariance = -0.5 * gamma[c] * sumEpsilonDeviation[c] / (s * s * s);
                double dMean = -gamma[c] * sumEpsilon[c] / s + sumDeviation[c] * (-2.0 / n) * dVariance;
                dGamma[c] = (float) (sumEpsilonDeviation[c] / s);
                a[c] = (float) (gamma[c] / s);
                k[c] = (float) (dVariance * 2.0 / n);
                b[c] = (float) (dMean / n);
            }
            double decay = layerConf().getDecay();
            float[] runningMean = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
            float[] logStd = FlatBatchNorm.read(getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
            float[] dRunningMean = new float[features];
            float[] dLogStd = new float[features];
            for (int c = 0; c < features; c++) {
                dRunningMean[c] = (float) (((double) runningMean[c] - batchMean[c]) * (1 - decay));
                double runningStd = Math.pow(10, logStd[c]);
                double runningVariance = runningStd * runningStd;
                double updated = decay * runningVariance + (1 - decay) * variance[c];
                dLogStd[c] = (float) (Math.log(runningVariance / updated) * HALF_LOG10_E);
            }

            Gradient gradient = new DefaultGradient();
            String[] names = {BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA,
                BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_LOG_STD};
            float[][] values = {dGamma, sumEpsilon, dRunningMean, dLogStd};
            for (int i = 0; i < names.length; i++) {
                INDArray view = gradientViews.get(names[i]);
                FlatBatchNorm.write(view, values[i]);
                gradient.setGradientFor(names[i], view);
            }
            INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                    x.shape(), 'c');
            if (flat) {
                FlatBatchNorm.inputGradient(x, e, mean, a, k, b, inputGradient);
            } else {
                ChannelBatchNorm.inputGradient(KernelThreads.shared(), x, e, mean, a, k, b, inputGradient);
            }
            return new Pair<>(gradient, inputGradient);
        }
    }

    /** The helper without M2.1's broken availability check, for 4-d NCHW input only (null: DL4J's own path). */
    static final class NativeOpHelper extends MKLDNNBatchNormHelper {
        NativeOpHelper(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported(double eps, boolean fixedGammaBeta) {
            return true;
        }

        @Override
        public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                LayerWorkspaceMgr workspaceMgr) {
            return x.rank() != 4 || format != CNN2DFormat.NCHW ? null
                    : super.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape,
                INDArray gamma, INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            return input.rank() != 4 || format != CNN2DFormat.NCHW ? null
                    : super.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                            workspaceMgr);
        }
    }
}
