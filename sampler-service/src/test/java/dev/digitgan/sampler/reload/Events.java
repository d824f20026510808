package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.sampler.model.ModelLoader;
import java.time.Instant;

/** Checkpoint events for tests. */
public final class Events {

    private Events() {
    }

    public static CheckpointEvent checkpoint(String runId, long version, byte[] bytes, Instant createdAt) {
        return checkpoint(runId, version, bytes.length, ModelLoader.sha256(bytes), createdAt);
    }

    /** The same as a schema-v2 event carrying {@code quality}. */
    public static CheckpointEvent scored(String runId, long version, byte[] bytes, Instant createdAt,
                                         QualityScores quality) {
        return checkpoint(runId, version, bytes, createdAt).withQuality(quality);
    }

    public static CheckpointEvent checkpoint(String runId, long version, long size, String sha, Instant createdAt) {
        return new CheckpointEvent(Event.SCHEMA_VERSION, runId, version, ObjectLayout.DEFAULT_BUCKET,
                ObjectLayout.checkpointKey(runId, version), size, sha, Presets.mlp(), (int) version, version * 100,
                0.5 + version, 1.5 + version, ObjectLayout.gridKey(runId, version), createdAt);
    }
}
