package dev.digitgan.sampler.tools;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.GeneratorCheckpoint;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.train.Generator;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.sampler.model.ShippedModel;
import dev.digitgan.sampler.model.ShippedScore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Scores the shipped generator exactly as the trainer scores a checkpoint (the shipped {@link QualityEvaluator},
 * {@link EvaluationProtocol#CHECKPOINT_SAMPLES} digits from the evaluation z), and writes the result as
 * {@code quality.json} beside it. {@code TrainShippedModel} calls it after every epoch, and alone for 0 epochs
 * (after the evaluator or the protocol changed: {@code ShippedScoreTest} fails until then, with the figures it
 * measured).
 */
public final class ScoreShippedModel {

    static final Path FOLDER = Path.of("sampler-service/src/main/resources/shipped-model");

    private ScoreShippedModel() {
    }

    public static void main(String[] args) throws IOException {
        Path zip = args.length > 0 ? Path.of(args[0]) : FOLDER.resolve(ShippedModel.FILE);
        System.out.println(write(zip, QualityEvaluator.shipped()));
    }

    /** Scores the checkpoint at {@code zip} and writes {@code quality.json} beside it; returns what it wrote. */
    static String write(Path zip, QualityEvaluator evaluator) throws IOException {
        ShippedScore score = measure(Files.readAllBytes(zip), evaluator);
        Path json = zip.resolveSibling(ShippedScore.FILE);
        Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
        Files.write(tmp, score.toJson());
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return describe(score) + ", written to " + json;
    }

    /** The scores of a checkpoint's generator under the evaluation protocol, naming the bytes they are of. */
    public static ShippedScore measure(byte[] checkpoint) throws IOException {
        return measure(checkpoint, QualityEvaluator.shipped());
    }

    static ShippedScore measure(byte[] checkpoint, QualityEvaluator evaluator) throws IOException {
        GeneratorCheckpoint read = CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint));
        Generator generator = Generator.of(read.generator(), read.manifest().spec());
        QualityScores scores = evaluator.score(generator, EvaluationProtocol.CHECKPOINT_SAMPLES);
        return new ShippedScore(ModelLoader.sha256(checkpoint), EvaluationProtocol.LATENT_SEED, scores);
    }

    static String describe(ShippedScore score) {
        QualityScores q = score.quality();
        return q.summary() + " (" + q.evaluator() + ")";
    }
}
