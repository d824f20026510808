package dev.digitgan.model.checkpoint;

import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** What a sampler needs from a checkpoint: its manifest and G (weights only, hash verified). */
public record GeneratorCheckpoint(CheckpointManifest manifest, MultiLayerNetwork generator) {

    public GeneratorCheckpoint {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(generator, "generator");
    }
}
