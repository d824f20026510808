package dev.digitgan.model.checkpoint;

import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of a checkpoint zip: what the weights are, where in training they were taken, and the
 * SHA-256 of every weights entry.
 *
 * @param formatVersion layout version of the zip ({@link #FORMAT_VERSION} for what this build writes)
 * @param runId         the training run
 * @param version       counts up from 1 within a run (the sampler names a model {@code runId@version})
 * @param spec          the model and training settings
 * @param epoch         completed epochs ({@code step / stepsPerEpoch})
 * @param step          completed training steps
 * @param createdAt     when the snapshot was taken
 * @param sha256        entry name → lowercase hex SHA-256 of its bytes; empty until {@code CheckpointFormat.write}
 * @param losses        readings of the last step before the snapshot; null if no step ran yet
 * @param quality       the evaluator's scores of these weights; null when not scored (and in manifests written
 *                      before scoring existed: the field is optional, so the format version did not change)
 */
public record CheckpointManifest(
        int formatVersion,
        String runId,
        long version,
        GanSpec spec,
        int epoch,
        long step,
        Instant createdAt,
        Map<String, String> sha256,
        Losses losses,
        QualityScores quality) {

    /**
     * The zip layout this build writes. Declared here, beside the field it fills, so the manifest needs nothing of
     * the DL4J side ({@code CheckpointFormat} in shared-model checks it when reading, and still reads version 1:
     * the manifest's fields are the same in both, only the generator entry differs).
     */
    public static final int FORMAT_VERSION = 2;

    /** The step readings at the time of the checkpoint (same meaning as the training step's result). */
    public record Losses(double dLoss, double gLoss, double dOfX, double dOfGz) {
    }

    public CheckpointManifest {
        if (formatVersion <= 0) {
            throw new IllegalArgumentException("formatVersion must be > 0, got " + formatVersion);
        }
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must be non-blank");
        }
        if (version <= 0) {
            throw new IllegalArgumentException("version counts from 1, got " + version);
        }
        Objects.requireNonNull(spec, "spec");
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("epoch and step must be >= 0, got " + epoch + " / " + step);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
    }

    /** A manifest for a new snapshot (no hashes yet; {@code CheckpointFormat.write} fills them in). */
    public static CheckpointManifest of(String runId, long version, GanSpec spec, int epoch, long step,
            Instant createdAt, Losses losses) {
        return new CheckpointManifest(FORMAT_VERSION, runId, version, spec, epoch, step, createdAt,
                Map.of(), losses, null);
    }

    public CheckpointManifest withSha256(Map<String, String> hashes) {
        return new CheckpointManifest(formatVersion, runId, version, spec, epoch, step, createdAt, hashes, losses,
                quality);
    }

    public CheckpointManifest withQuality(QualityScores scores) {
        return new CheckpointManifest(formatVersion, runId, version, spec, epoch, step, createdAt, sha256, losses,
                scores);
    }
}
