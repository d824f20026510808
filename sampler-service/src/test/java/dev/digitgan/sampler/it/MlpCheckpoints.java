package dev.digitgan.sampler.it;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.sampler.model.ModelLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Full-size checkpoints of the mlp preset (what a trainer publishes: G, D and the stacked network with
 * Adam state), so load figures are for the real model, not the tiny test one. Weights are untrained;
 * only their size and shape matter here.
 */
final class MlpCheckpoints {

    private final GanModel model = GanNetworks.create(Presets.mlp());

    /** Checkpoint bytes of {@code runId@version}, a new array each time (the manifest names the version). */
    byte[] bytes(String runId, long version) {
        CheckpointManifest manifest = CheckpointManifest.of(runId, version, model.spec(), (int) version, version * 234,
                Instant.now(), new CheckpointManifest.Losses(1.2, 0.9, 0.55, 0.45));
        try {
            return CheckpointFormat.toBytes(Checkpoint.snapshot(model, manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CheckpointEvent event(String bucket, String runId, long version, byte[] bytes) {
        return new CheckpointEvent(Event.SCHEMA_VERSION, runId, version, bucket,
                ObjectLayout.checkpointKey(runId, version), bytes.length, ModelLoader.sha256(bytes), Presets.mlp(),
                (int) version, version * 234, 1.2, 0.9, ObjectLayout.gridKey(runId, version), Instant.now());
    }
}
