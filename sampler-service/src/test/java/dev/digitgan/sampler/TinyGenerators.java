package dev.digitgan.sampler;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointBytes;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * Small untrained GANs (z of 8 → 16 → 784, conditional ones with the one-hot digit after z) made in the test, as
 * real checkpoint bytes ({@link CheckpointFormat}), plus broken variants.
 */
public final class TinyGenerators {

    public static final int LATENT = 8;

    private TinyGenerators() {
    }

    public static GanSpec spec(long seed) {
        return Presets.mlp().withLatentSize(LATENT).withGeneratorHidden(List.of(16))
                .withDiscriminatorHidden(List.of(16)).withBatchSize(8).withSeed(seed);
    }

    /** The conditional tiny GAN: G takes z of 8 and a one-hot digit (18 inputs), D answers real/fake and the digit. */
    public static GanSpec conditionalSpec(long seed) {
        return spec(seed).withClasses(GanSpec.DIGIT_CLASSES);
    }

    /** A working checkpoint of a conditional model {@code runId@version}, weights seeded by the version. */
    public static byte[] conditionalCheckpoint(String runId, long version) {
        GanModel model = GanNetworks.create(conditionalSpec(version * 7919));
        return bytes(Checkpoint.snapshot(model, manifest(runId, version, model.spec())));
    }

    /** A working checkpoint of {@code runId@version}; weights are seeded by the version, so versions differ. */
    public static byte[] checkpoint(String runId, long version) {
        return encoded(runId, version).zip();
    }

    /** {@link #checkpoint}, with the generator part a trainer announces. */
    public static CheckpointBytes encoded(String runId, long version) {
        GanModel model = GanNetworks.create(spec(version * 7919));
        try {
            return CheckpointFormat.encode(Checkpoint.snapshot(model, manifest(runId, version, model.spec())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A checkpoint whose generator outputs NaN. */
    public static byte[] nanWeights(String runId, long version) {
        GanModel model = GanNetworks.create(spec(version));
        model.servedGenerator().params().assign(Double.NaN); // the weights a checkpoint serves (G or its average)
        return bytes(Checkpoint.snapshot(model, manifest(runId, version, model.spec())));
    }

    /** A checkpoint whose "generator" outputs 100 values instead of 28x28. */
    public static byte[] wrongShape(String runId, long version) {
        GanModel model = GanNetworks.create(spec(version));
        return bytes(new Checkpoint(manifest(runId, version, model.spec()), network(version, 100),
                model.discriminator().clone(), model.stacked().clone()));
    }

    public static CheckpointManifest manifest(String runId, long version, GanSpec spec) {
        return CheckpointManifest.of(runId, version, spec, (int) version, version * 100,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version),
                new CheckpointManifest.Losses(1.0 + version, 2.0 + version, 0.5, 0.4));
    }

    /** A bare generator network (z of 8 → 16 → {@code outputs} tanh). */
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

    private static byte[] bytes(Checkpoint checkpoint) {
        try {
            return CheckpointFormat.toBytes(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
