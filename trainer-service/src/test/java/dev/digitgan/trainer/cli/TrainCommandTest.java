package dev.digitgan.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.AdversarialLoss;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.trainer.TestData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TrainCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingMnistFailsAndSaysHowToGetIt() {
        int code = run("--mnist", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("out").toString());
        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("run scripts/fetch-mnist.sh").contains("train-images-idx3-ubyte: missing");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void badArgumentsFailWithTheReason() {
        assertThat(run("--preset", "nope", "--mnist", tmp.toString())).isEqualTo(1);
        assertThat(stderr()).contains("unknown preset 'nope'; valid presets: seed, mlp, dcgan, cmlp, cdcgan");
        assertThat(run("--epochs", "many")).isEqualTo(2);
        assertThat(stderr()).contains("--epochs");
        assertThat(run("--loss", "HINGE")).isEqualTo(2);
        assertThat(stderr()).contains("--loss").contains("CROSS_ENTROPY, LEAST_SQUARES");
        assertThat(run("--minutes", "0", "--mnist", TestData.mnistDir().toString())).isEqualTo(1);
        assertThat(stderr()).contains("--minutes must be > 0");
    }

    @Test
    void theHelpListsEveryPreset() {
        assertThat(run("--help")).isZero();
        assertThat(stdout().replaceAll("\\s+", " ")) // picocli wraps the description column
                .contains("one of " + String.join(", ", dev.digitgan.model.spec.Presets.names()));
    }

    @Test
    void aConditionalLeastSquaresRunWithATimeBudgetStopsDoneAndScoresItsLabels() throws Exception {
        Path folder = tmp.resolve("budget");
        // 1000 epochs of 8 steps would take minutes; a budget of 3 s ends it after a few epochs
        int code = run("--preset", "cmlp", "--epochs", "1000", "--minutes", "0.05", "--max-images", "512",
                "--batch-size", "64", "--score-samples", "0", "--final-samples", "500", "--loss", "LEAST_SQUARES",
                "--mnist", TestData.mnistDir().toString(), "--out", folder.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("time budget of 0.05 min used up after", "label accuracy",
                "loss LEAST_SQUARES");
        BufferedImage grid = ImageIO.read(folder.resolve("grid-epoch-001.png").toFile());
        assertThat(grid.getWidth()).as("a conditional grid: ten columns, one per digit")
                .isEqualTo(10 * (28 * 3 + 2) + 2);
        QualityScores whole = new EventCodec().mapper().readValue(folder.resolve("quality.json").toFile(),
                QualityScores.class);
        assertThat(whole.labelAccuracy()).isNotNull();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> checkpoints = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("checkpoint-")).sorted().toList();
            assertThat(checkpoints).isNotEmpty().hasSizeLessThan(1000);
            try (InputStream in = Files.newInputStream(folder.resolve(checkpoints.get(checkpoints.size() - 1)))) {
                GanSpec spec = CheckpointFormat.read(in).manifest().spec();
                assertThat(spec.classes()).isEqualTo(10);
                assertThat(spec.loss()).isEqualTo(AdversarialLoss.LEAST_SQUARES);
            }
        }
    }

    @Test
    void aTinyRunWritesGridsChartCheckpointsAndProgress() throws Exception {
        Path folder = tmp.resolve("tiny");
        // 512 images at batch 64: 8 steps per epoch; interval checkpoints count run-wide steps (3, 6, 9, ...)
        int code = run("--preset", "mlp", "--epochs", "2", "--max-images", "512", "--batch-size", "64",
                "--checkpoint-every", "3", "--score-samples", "500", "--final-samples", "1000",
                "--mnist", TestData.mnistDir().toString(), "--out", folder.toString());

        assertThat(code).as(stderr()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                    "grid-epoch-001.png", "grid-epoch-002.png", "loss.png", "losses.csv",
                    "checkpoint-epoch-001.zip", "checkpoint-epoch-002.zip", "checkpoint-step-0000003.zip",
                    "checkpoint-step-0000006.zip", "checkpoint-step-0000009.zip", "checkpoint-step-0000012.zip",
                    "checkpoint-step-0000015.zip", "quality.json");
        }
        BufferedImage grid = ImageIO.read(folder.resolve("grid-epoch-002.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(8 * (28 * 3 + 2) + 2);
        assertThat(TestData.isPng(folder.resolve("loss.png"))).isTrue();
        List<String> csv = Files.readAllLines(folder.resolve("losses.csv"));
        assertThat(csv).hasSize(1 + 16);
        assertThat(csv.get(16)).startsWith("16,2,");
        try (InputStream in = Files.newInputStream(folder.resolve("checkpoint-epoch-002.zip"))) {
            Checkpoint last = CheckpointFormat.read(in);
            assertThat(last.manifest().step()).isEqualTo(16);
            assertThat(last.manifest().epoch()).isEqualTo(2);
            assertThat(last.manifest().spec().batchSize()).isEqualTo(64);
            assertThat(last.manifest().runId()).isEqualTo("cli-tiny");
            assertThat(last.manifest().quality().samples()).isEqualTo(500);
            assertThat(last.manifest().quality().evaluator()).startsWith("mnist-cnn-");
        }
        QualityScores whole = new EventCodec().mapper().readValue(folder.resolve("quality.json").toFile(),
                QualityScores.class);
        assertThat(whole.samples()).isEqualTo(1000);
        assertThat(stdout()).contains("quality of checkpoint 7 (epoch 2, step 16): FD ",
                "quality of the last weights: FD ");
        assertThat(stdout()).contains("ND4J backend", "epoch 2/2  step 8/8 (16/16)", "img/s", "ETA",
                "epoch 1/2 done", "done after");
    }

    @Test
    void runIdsFollowTheFolderName() {
        assertThat(TrainCommand.runId(Path.of("runs", "My Run_1"))).isEqualTo("cli-my-run-1");
        assertThat(TrainCommand.runId(Path.of("x".repeat(100)))).hasSize(63);
    }
}
