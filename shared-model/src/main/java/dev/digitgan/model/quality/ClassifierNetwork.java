package dev.digitgan.model.quality;

import dev.digitgan.model.nets.NativeConvolutionLayer;
import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The evaluator's MNIST classifier, built in code so that its weights can ship as a bare float array (nothing in
 * the weights file names a class). LeNet-5-style: 5x5 convolution with stride 2 to 14x14x{@value #CONV1}, 5x5
 * convolution with stride 2 to 7x7x{@value #CONV2}, dense {@value #HIDDEN} ReLU, dense {@value #FEATURES} (the
 * feature layer), ReLU, dropout, softmax over the 10 digits.
 *
 * <p>Why strided convolutions instead of LeNet's separate subsampling layers: DL4J 1.0.0-M2.1's max pooling ran on
 * its slow path here (120 ms of CPU per 500 images after a 32-channel 24x24 convolution, more than the convolution
 * itself). Why this width: 60 ms of CPU per 1,000 images forwards; 32/64 channels cost 214 ms.
 *
 * <p>The features for the Fréchet distance are the {@value #FEATURES}-unit layer's pre-activations: LeNet-5's F6
 * width keeps the covariance small (its square root costs milliseconds), and taking them before the ReLU avoids
 * dead units, whose zero variance would make the test set's covariance singular.
 */
final class ClassifierNetwork {

    static final int CONV1 = 16;
    static final int CONV2 = 32;
    static final int HIDDEN = 120;
    static final int FEATURES = 84;
    static final int CLASSES = 10;
    static final int KERNEL = 5;
    static final int STRIDE = 2;
    /** Index of the feature layer: its output is {@code feedForward(x, false).get(FEATURE_LAYER + 1)}. */
    static final int FEATURE_LAYER = 3;
    static final double DROPOUT_KEEP = 0.5;
    /** Any rate will do for inference; training sets its own schedule. */
    private static final double INFERENCE_LEARNING_RATE = 1e-3;

    private ClassifierNetwork() {
    }

    /** A network to load shipped parameters into (see {@link ClassifierWeights}). */
    static MultiLayerNetwork forInference() {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(0, new Adam(INFERENCE_LEARNING_RATE)));
        net.init();
        return net;
    }

    /** A fresh network to train: parameters from {@code seed}, Adam on {@code learningRate}. */
    static MultiLayerNetwork forTraining(long seed, ISchedule learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed, new Adam(learningRate)));
        net.init();
        return net;
    }

    /** Parameters of the network, the length of the shipped weights array. */
    static long parameterCount() {
        return forInference().numParams();
    }

    private static MultiLayerConfiguration configuration(long seed, Adam updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new NativeConvolutionLayer(conv(1, CONV1)))
                .layer(new NativeConvolutionLayer(conv(CONV1, CONV2)))
                .layer(new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(FEATURES).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(DROPOUT_KEEP).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(GanSpec.IMAGE_SIDE, GanSpec.IMAGE_SIDE, 1))
                .build();
    }

    private static ConvolutionLayer.Builder conv(int in, int out) {
        return new ConvolutionLayer.Builder(KERNEL, KERNEL).stride(STRIDE, STRIDE).nIn(in).nOut(out)
                .activation(Activation.RELU).convolutionMode(ConvolutionMode.Same);
    }
}
