package dev.digitgan.sampler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.weights.WeightInit;

/** Small untrained generators (z → hidden → 784 tanh) and their checkpoint bytes, made in the test. */
public final class TinyGenerators {

    public static final int LATENT = 8;

    private TinyGenerators() {
    }

    public static MultiLayerNetwork network(long seed, int outputs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(LATENT).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(outputs).activation(Activation.TANH).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Checkpoint bytes of a working generator; different seeds give different weights (and images). */
    public static byte[] checkpoint(long seed) {
        return bytes(network(seed, 784));
    }

    /** A generator whose output is not 28x28. */
    public static byte[] wrongShape(long seed) {
        return bytes(network(seed, 100));
    }

    /** A generator whose weights are NaN, so every output is NaN. */
    public static byte[] nanWeights(long seed) {
        MultiLayerNetwork net = network(seed, 784);
        net.params().assign(Double.NaN);
        return bytes(net);
    }

    public static byte[] bytes(MultiLayerNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
