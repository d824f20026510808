package dev.digitgan.model.events;

import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import java.time.Instant;

/**
 * A checkpoint that is completely stored in S3: {@code objectKey} holds the checkpoint zip
 * ({@code CheckpointFormat}) of {@code sizeBytes} bytes whose SHA-256 is {@code sha256}, and
 * {@code sampleGridKey} the fixed-z sample grid PNG of the same weights.
 *
 * @param version counts up from 1 within the run
 * @param quality the evaluator's scores of these weights (from the run's fixed evaluation z); null when the
 *                checkpoint was not scored, and always null in a schema-v1 event
 * @param generatorPart the object's first bytes that hold the manifest and generator (what a sampler reads);
 *                null when not announced (events before 2026-12-02, added within schema v2: readers then read the
 *                whole object)
 */
public record CheckpointEvent(
        int schemaVersion,
        String runId,
        long version,
        String bucket,
        String objectKey,
        long sizeBytes,
        String sha256,
        GanSpec spec,
        int epoch,
        long step,
        double discriminatorLoss,
        double generatorLoss,
        String sampleGridKey,
        Instant createdAt,
        QualityScores quality,
        GeneratorPart generatorPart) implements Event {

    public CheckpointEvent {
        Checks.schema(schemaVersion, SchemaVersions.oldest(CheckpointEvent.class), SchemaVersions.CHECKPOINT_EVENT);
        RunIds.requireValid(runId);
        if (version < 1) {
            throw new IllegalArgumentException("field 'version' must be >= 1, was " + version);
        }
        Checks.present(bucket, "bucket");
        Checks.present(objectKey, "objectKey");
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("field 'sizeBytes' must be >= 1, was " + sizeBytes);
        }
        Checks.present(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("field 'sha256' must be 64 lower-case hex digits");
        }
        Checks.present(spec, "spec");
        Checks.nonNegative(step, "step");
        Checks.present(createdAt, "createdAt");
        if (schemaVersion < 2 && quality != null) {
            throw new IllegalArgumentException("field 'quality' needs schemaVersion 2, was " + schemaVersion);
        }
        if (generatorPart != null && generatorPart.bytes() > sizeBytes) {
            throw new IllegalArgumentException("field 'generatorPart.bytes' (" + generatorPart.bytes()
                    + ") must be at most 'sizeBytes' (" + sizeBytes + ")");
        }
    }

    /** An event without the generator part (what the trainer announced before it). */
    public CheckpointEvent(int schemaVersion, String runId, long version, String bucket, String objectKey,
            long sizeBytes, String sha256, GanSpec spec, int epoch, long step, double discriminatorLoss,
            double generatorLoss, String sampleGridKey, Instant createdAt, QualityScores quality) {
        this(schemaVersion, runId, version, bucket, objectKey, sizeBytes, sha256, spec, epoch, step,
                discriminatorLoss, generatorLoss, sampleGridKey, createdAt, quality, null);
    }

    /** An event without scores (schema v1 shape; what a reader of an old event gets). */
    public CheckpointEvent(int schemaVersion, String runId, long version, String bucket, String objectKey,
            long sizeBytes, String sha256, GanSpec spec, int epoch, long step, double discriminatorLoss,
            double generatorLoss, String sampleGridKey, Instant createdAt) {
        this(schemaVersion, runId, version, bucket, objectKey, sizeBytes, sha256, spec, epoch, step,
                discriminatorLoss, generatorLoss, sampleGridKey, createdAt, null, null);
    }

    /** The same event carrying the given scores, at the schema version that can hold them. */
    public CheckpointEvent withQuality(QualityScores scores) {
        return new CheckpointEvent(SchemaVersions.CHECKPOINT_EVENT, runId, version, bucket, objectKey, sizeBytes,
                sha256, spec, epoch, step, discriminatorLoss, generatorLoss, sampleGridKey, createdAt, scores,
                generatorPart);
    }

    /** The same event announcing the part a sampler reads. */
    public CheckpointEvent withGeneratorPart(GeneratorPart part) {
        return new CheckpointEvent(schemaVersion, runId, version, bucket, objectKey, sizeBytes, sha256, spec, epoch,
                step, discriminatorLoss, generatorLoss, sampleGridKey, createdAt, quality, part);
    }

    /** What a sampler reads: the announced generator part, or the whole object when none is announced. */
    public GeneratorPart samplerRead() {
        return generatorPart != null ? generatorPart : new GeneratorPart(sizeBytes, sha256);
    }

    /** Whether the checkpoint carries scores. */
    public boolean scored() {
        return quality != null;
    }

    /** The name users see: {@code runId@version}. */
    public String modelVersion() {
        return runId + "@" + version;
    }
}
