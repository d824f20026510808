package dev.digitgan.sampler.model;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.quality.QualityScores;
import java.io.IOException;

/**
 * {@code quality.json} beside the shipped model: its scores, measured with the project's evaluator exactly as the
 * trainer scores a checkpoint ({@code EvaluationProtocol}'s z and N), so that {@code best} can compare it with
 * checkpoints. It names the bytes it scored and the z it used, so a file that no longer belongs to the zip beside
 * it is noticed instead of vouching for other weights ({@code ShippedScoreTest} recomputes it in every build).
 *
 * @param checkpointSha256 SHA-256 of the {@code generator-checkpoint.zip} that was scored
 * @param latentSeed       seed of the evaluation z ({@code EvaluationProtocol.LATENT_SEED} when written)
 * @param quality          the scores (N and the evaluator's id included)
 */
public record ShippedScore(String checkpointSha256, long latentSeed, QualityScores quality) {

    public static final String FILE = "quality.json";

    public ShippedScore {
        if (checkpointSha256 == null || !checkpointSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("checkpointSha256 must be 64 lower-case hex digits");
        }
        if (quality == null) {
            throw new IllegalArgumentException("quality is required");
        }
    }

    /**
     * @throws IOException when the bytes are not such a document (a broken build)
     */
    public static ShippedScore read(byte[] json) throws IOException {
        return new EventCodec().mapper().readValue(json, ShippedScore.class);
    }

    public byte[] toJson() {
        try {
            return new EventCodec().mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a ShippedScore always serialises", e);
        }
    }
}
