package dev.digitgan.sampler.model;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.quality.EvaluationProtocol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /** The zip's name in the shipped-model folder; {@link ShippedScore#FILE} lies beside it. */
    public static final String FILE = "generator-checkpoint.zip";

    public static ShippedModel none() {
        return new ShippedModel(null, Optional.empty());
    }

    /**
     * The shipped model in classpath folder {@code folder}: {@value #FILE} and, when present, its scores.
     *
     * @return empty when the folder holds no model
     * @throws IOException              when the files are unreadable (a broken build)
     * @throws IllegalArgumentException when the scores beside it were measured on other bytes or another z
     */
    public static Optional<ShippedModel> fromClasspath(ClassLoader classLoader, String folder) throws IOException {
        Optional<byte[]> zip = resource(classLoader, folder + "/" + FILE);
        if (zip.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> score = resource(classLoader, folder + "/" + ShippedScore.FILE);
        return Optional.of(of(zip.get(), score.isEmpty() ? null : ShippedScore.read(score.get())));
    }

    private static Optional<byte[]> resource(ClassLoader classLoader, String name) throws IOException {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
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
     * @throws IllegalArgumentException when {@code score} was measured on other bytes or another evaluation z
     */
    public static ShippedModel of(byte[] checkpoint, ShippedScore score) throws IOException {
        CheckpointManifest m = CheckpointFormat.readManifest(new ByteArrayInputStream(checkpoint));
        String sha = ModelLoader.sha256(checkpoint);
        if (score != null && !score.checkpointSha256().equals(sha)) {
            throw new IllegalArgumentException(ShippedScore.FILE + " scores a checkpoint with SHA-256 "
                    + score.checkpointSha256() + ", not the shipped one (" + sha + ")");
        }
        if (score != null && score.latentSeed() != EvaluationProtocol.LATENT_SEED) {
            // Scores from another z would not compare with the trainers' checkpoint scores.
            throw new IllegalArgumentException(ShippedScore.FILE + " was measured on the evaluation z of seed "
                    + score.latentSeed() + ", not EvaluationProtocol's " + EvaluationProtocol.LATENT_SEED);
        }
        double dLoss = m.losses() == null ? Double.NaN : m.losses().dLoss();
        double gLoss = m.losses() == null ? Double.NaN : m.losses().gLoss();
        ModelInfo info = new ModelInfo(m.runId() + "@" + m.version(), m.runId(), m.version(), ModelInfo.SHIPPED,
                m.spec().preset(), m.epoch(), m.step(), dLoss, gLoss, m.createdAt(), sha,
                score == null ? null : score.quality(), m.spec().classes());
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
