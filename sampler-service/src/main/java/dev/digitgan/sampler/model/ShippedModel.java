package dev.digitgan.sampler.model;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The pretrained generator kept in the jar, served from the first second until a checkpoint arrives
 * (and reachable again by pinning or rolling back to its version). Its bytes are a checkpoint zip that
 * holds only the manifest and the generator (what {@code CheckpointFormat.readGeneratorOnly} reads);
 * what users are told about it comes from that manifest, and its quality scores from {@link ShippedScore}.
 *
 * @param generator the checkpoint bytes, empty when the build ships none
 */
public record ShippedModel(ModelInfo info, Optional<byte[]> generator) {

    public static ShippedModel none() {
        return new ShippedModel(null, Optional.empty());
    }

    /**
     * An unscored shipped model.
     *
     * @throws IOException when the bytes have no readable manifest (a broken build)
     */
    public static ShippedModel of(byte[] checkpoint) throws IOException {
        return of(checkpoint, null);
    }

    /**
     * @param score its scores, or null when unscored; they must name these bytes
     * @throws IOException              when the bytes have no readable manifest (a broken build)
     * @throws IllegalArgumentException when {@code score} was measured on other bytes
     */
    public static ShippedModel of(byte[] checkpoint, ShippedScore score) throws IOException {
        CheckpointManifest m = CheckpointFormat.readManifest(new ByteArrayInputStream(checkpoint));
        String sha = ModelLoader.sha256(checkpoint);
        if (score != null && !score.checkpointSha256().equals(sha)) {
            throw new IllegalArgumentException(ShippedScore.FILE + " scores a checkpoint with SHA-256 "
                    + score.checkpointSha256() + ", not the shipped one (" + sha + ")");
        }
        double dLoss = m.losses() == null ? Double.NaN : m.losses().dLoss();
        double gLoss = m.losses() == null ? Double.NaN : m.losses().gLoss();
        ModelInfo info = new ModelInfo(m.runId() + "@" + m.version(), m.runId(), m.version(), ModelInfo.SHIPPED,
                m.spec().preset(), m.epoch(), m.step(), dLoss, gLoss, m.createdAt(), sha,
                score == null ? null : score.quality());
        return new ShippedModel(info, Optional.of(checkpoint));
    }

    public boolean present() {
        return info != null && generator.isPresent();
    }

    public boolean is(String modelVersion) {
        return present() && info.modelVersion().equals(modelVersion);
    }

    /** No hash check against an event: the bytes come from our own jar (the manifest's own hash is still checked). */
    public LoadedModel load(ModelLoader loader) throws ModelRejectedException {
        if (!present()) {
            throw new IllegalStateException("no shipped model in this build");
        }
        return loader.load(info, generator.get(), null);
    }
}
