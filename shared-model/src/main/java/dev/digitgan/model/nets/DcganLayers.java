package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * A DCGAN sized for a CPU. G: dense z → 7x7xC0, BN, ReLU; nearest-neighbour upsampling x2 and a 3x3 convolution
 * to 14x14xC1 with BN and ReLU; upsampling x2 and a 3x3 convolution to 28x28x1, tanh. D: 5x5 stride-2
 * convolutions with LeakyReLU, then a dense sigmoid output.
 *
 * <p>Why not transposed 5x5 convolutions as in the DCGAN paper: DL4J's CPU deconvolution ran at ~20 images/s here;
 * upsampling + 3x3 convolution avoids checkerboard artefacts as well and maps onto im2col + GEMM.
 */
final class DcganLayers implements ArchitectureLayers {

    private static final int KERNEL = 3;
    /**
     * D's kernels are 5x5 as in the DCGAN paper: with 3x3 kernels two stride-2 layers see only 7x7 pixels, and G
     * learned to fool D with stroke fragments that are locally plausible but not digits.
     */
    private static final int DISCRIMINATOR_KERNEL = 5;
    private static final int UPSAMPLING = 2;

    private final GanSpec spec;

    DcganLayers(GanSpec spec) {
        this.spec = spec;
    }

    @Override
    public LayerStack generator() {
        List<Integer> channels = spec.generatorChannels();
        int side = GanSpec.DCGAN_BASE_SIDE;
        int base = channels.get(0);
        int middle = channels.get(1);
        List<Layer> layers = new ArrayList<>();
        layers.add(GanDenseLayer.of(spec.generatorInputSize(), (long) side * side * base, Activation.IDENTITY));
        // DL4J's batch norm, the flat [batch, 7·7·C0] case in Java loops (NativeBatchNormalization)
        layers.add(new NativeBatchNormalization());
        layers.add(new ActivationLayer.Builder().activation(Activation.RELU).build());
        // the dense output is reshaped to [batch, C0, 7, 7] before the first upsampling
        int reshapeAt = layers.size();
        layers.add(new NearestUpsampling2D(UPSAMPLING));
        layers.add(conv(base, middle, 1, Activation.IDENTITY));
        layers.add(new NativeBatchNormalization());
        layers.add(new ActivationLayer.Builder().activation(Activation.RELU).build());
        layers.add(new NearestUpsampling2D(UPSAMPLING));
        // one output channel straight from the 14x14 features: a wide 28x28 stage cost more than all the rest
        layers.add(conv(middle, 1, 1, Activation.TANH));
        return new LayerStack(layers, Map.of(reshapeAt, new FeedForwardToCnnPreProcessor(side, side, base)));
    }

    @Override
    public LayerStack discriminator() {
        List<Layer> layers = new ArrayList<>();
        int in = 1;
        for (int out : spec.discriminatorChannels()) {
            layers.add(new NativeConvolutionLayer(convBuilder(in, out, 2, DISCRIMINATOR_KERNEL)
                    .activation(new ActivationLReLU(spec.leakyReluAlpha()))));
            if (spec.dropoutKeep() < 1) {
                layers.add(SplitMixDropout.layer(spec.dropoutKeep()));
            }
            in = out;
        }
        // nIn is inferred from the input type (channels x remaining side^2)
        layers.add(DiscriminatorOutput.of(spec, 0));
        return new LayerStack(layers, Map.of());
    }

    @Override
    public InputType discriminatorInput() {
        return InputType.convolutionalFlat(GanSpec.IMAGE_SIDE, GanSpec.IMAGE_SIDE, 1);
    }

    private static ConvolutionLayer conv(int in, int out, int stride, Activation activation) {
        return new NativeConvolutionLayer(convBuilder(in, out, stride, KERNEL).activation(activation));
    }

    private static ConvolutionLayer.Builder convBuilder(int in, int out, int stride, int kernel) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nIn(in).nOut(out)
                .convolutionMode(ConvolutionMode.Same);
    }
}
