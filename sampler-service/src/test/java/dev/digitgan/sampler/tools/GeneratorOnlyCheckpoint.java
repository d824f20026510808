package dev.digitgan.sampler.tools;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import java.io.IOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The shipped model's file: a checkpoint zip cut down to the two entries a sampler reads ({@code manifest.json},
 * then the generator's parameters), a third of a full checkpoint's size; {@code CheckpointFormat.readGeneratorOnly}
 * reads it and checks the generator's hash. Written in the current format; the file shipped today is format 1
 * (read the same safe way, shared-model README).
 */
public final class GeneratorOnlyCheckpoint {

    private GeneratorOnlyCheckpoint() {
    }

    public static byte[] write(CheckpointManifest manifest, MultiLayerNetwork generator) throws IOException {
        return CheckpointFormat.writeGeneratorOnly(manifest, generator);
    }
}
