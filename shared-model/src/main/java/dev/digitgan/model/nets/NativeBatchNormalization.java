package dev.digitgan.model.nets;

import java.lang.reflect.Field;
import java.util.Collection;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link BatchNormalization} that normalises convolutional (NCHW) activations with libnd4j's native
 * {@code batchnorm} / {@code batchnorm_bp} ops (oneDNN in this build) instead of DL4J's Java-side chain of
 * broadcast ops; batch statistics and the running mean and variance stay DL4J's.
 *
 * <p>Why: as for the convolution ({@link NativeConvolutionLayer}), DL4J M2.1 has the helper that calls those ops
 * ({@link MKLDNNBatchNormHelper}) but never enables it (its availability check looks up a method the M2.1 native
 * bindings renamed), and the runtime layer keeps it in a package-private field, which this class sets. Measured
 * here, one fit of batch norm over [256, 32, 14, 14]: 101 ms on DL4J's path, 46 ms with the helper; over flat
 * [256, 3136] the helper was slower (96 against 61 ms), so rank-2 input keeps DL4J's path. The parameters (gamma,
 * beta, running mean, running variance) are the same arrays in the same order; {@code NativeBatchNormalizationTest}
 * compares outputs, gradients and the running statistics with DL4J's path.
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
        org.deeplearning4j.nn.api.Layer layer = super.instantiate(conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, networkDataType);
        try {
            HELPER.set(layer, new NativeOpHelper(networkDataType));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot install the native batch-norm helper", e);
        }
        return layer;
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
