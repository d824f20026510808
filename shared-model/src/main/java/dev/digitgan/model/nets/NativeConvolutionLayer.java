package dev.digitgan.model.nets;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ConvolutionLayer} whose forward and backward passes run libnd4j's native {@code conv2d} /
 * {@code conv2d_bp} ops instead of DL4J's Java-side im2col + GEMM path.
 *
 * <p>Why: with DL4J/ND4J 1.0.0-M2.1 on CPU, the built-in path first zeroes a permuted (non-contiguous) im2col
 * buffer element by element; on this machine that cost ~100 ns per element and made a 3x3 convolution at 28x28 run
 * at well under 1 GFLOP/s (perf: 76% of the time in {@code ScalarTransform<CopyPws>}). DL4J does have a helper that
 * calls the native ops ({@link MKLDNNConvHelper}), but M2.1 never enables it: its availability check looks up
 * {@code Environment.isUseMKLDNN()}, a method the M2.1 native bindings renamed to {@code isUseONEDNN()}. This layer
 * installs that helper unconditionally. The native op is correct on every CPU build (a oneDNN build of libnd4j
 * dispatches it to oneDNN); {@code NativeConvolutionLayerTest} checks it against the built-in path.
 */
public class NativeConvolutionLayer extends ConvolutionLayer {

    /** For DL4J's JSON (de)serialisation of network configurations. */
    private NativeConvolutionLayer() {
    }

    public NativeConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
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

    /** DL4J's convolution layer with the native-op helper installed. */
    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            this.helper = new NativeOpHelper(dataType);
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
