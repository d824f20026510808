package dev.digitgan.trainer.cli;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.image.LossChart;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.progress.ProgressLine;
import dev.digitgan.trainer.progress.ProgressMeter;
import dev.digitgan.trainer.training.SampleGrid;
import dev.digitgan.trainer.training.TrainingListener;
import dev.digitgan.trainer.training.TrainingProgress;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a command-line run leaves in its output folder, written as training goes:
 * <ul>
 *   <li>{@code grid-epoch-NNN.png} the fixed-z 8x8 sample grid at the end of each epoch</li>
 *   <li>{@code loss.png} D and G loss against step (redrawn at every checkpoint)</li>
 *   <li>{@code checkpoint-epoch-NNN.zip} at each epoch end, {@code checkpoint-step-NNNNNNN.zip} for interval,
 *       stop and Ctrl-C checkpoints (the {@code CheckpointFormat} zip)</li>
 *   <li>{@code losses.csv} every step's readings</li>
 * </ul>
 * and a progress line on the console every few seconds. Files appear whole (written beside, then moved).
 */
final class RunFolder implements TrainingListener, Closeable {

    private static final Duration PRINT_EVERY = Duration.ofSeconds(2);

    private final Path dir;
    private final String runId;
    private final int batchSize;
    private final PrintStream console;
    private final BufferedWriter csv;
    private long[] steps = new long[1024];
    private double[] dLoss = new double[1024];
    private double[] gLoss = new double[1024];
    private int points;
    private long version;
    private long nextPrint;
    private Instant epochStart = Instant.now();

    RunFolder(Path dir, String runId, int batchSize, PrintStream console) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.runId = runId;
        this.batchSize = batchSize;
        this.console = console;
        this.csv = Files.newBufferedWriter(dir.resolve("losses.csv"), StandardCharsets.UTF_8);
        csv.write("step,epoch,d_loss,g_loss,d_x,d_g_z,images_per_second\n");
    }

    @Override
    public void stepDone(TrainingProgress progress, StepResult result, double imagesPerSecond) {
        record(progress.step(), result);
        try {
            csv.write(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.1f%n", progress.step(), progress.epoch(),
                    result.dLoss(), result.gLoss(), result.dOfX(), result.dOfGz(), imagesPerSecond));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + dir.resolve("losses.csv"), e);
        }
        long now = System.nanoTime();
        if (now >= nextPrint || progress.endOfEpoch()) {
            console.println(ProgressLine.format(progress, result, imagesPerSecond, batchSize));
            nextPrint = now + PRINT_EVERY.toNanos();
        }
    }

    @Override
    public void checkpoint(GanModel model, TrainingProgress progress, StepResult last, CheckpointReason reason)
            throws IOException {
        version++;
        CheckpointManifest manifest = CheckpointManifest.of(runId, version, model.spec(), progress.completedEpochs(),
                progress.step(), Instant.now(),
                new CheckpointManifest.Losses(last.dLoss(), last.gLoss(), last.dOfX(), last.dOfGz()));
        boolean epochEnd = reason == CheckpointReason.EPOCH_END;
        String suffix = epochEnd ? String.format("epoch-%03d", progress.epoch())
                : String.format("step-%07d", progress.step());
        Path zip = write("checkpoint-" + suffix + ".zip", CheckpointFormat.toBytes(Checkpoint.snapshot(model, manifest)));
        Path grid = epochEnd || reason != CheckpointReason.INTERVAL
                ? write("grid-" + suffix + ".png", SampleGrid.png(model)) : null;
        Path chart = write("loss.png", LossChart.png("D and G loss, " + model.spec().preset(),
                Arrays.copyOf(steps, points), Arrays.copyOf(dLoss, points), Arrays.copyOf(gLoss, points), 900, 500));
        csv.flush();
        if (epochEnd) {
            console.printf(Locale.ROOT, "epoch %d/%d done in %s: D loss %.4f, G loss %.4f; wrote %s, %s, %s%n",
                    progress.epoch(), progress.epochs(), ProgressMeter.human(Duration.between(epochStart, Instant.now())),
                    last.dLoss(), last.gLoss(), grid.getFileName(), zip.getFileName(), chart.getFileName());
            epochStart = Instant.now();
        } else {
            console.printf("%s checkpoint at step %d: wrote %s%s%n", reason.name().toLowerCase(Locale.ROOT),
                    progress.step(), zip.getFileName(), grid == null ? "" : ", " + grid.getFileName());
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private void record(long step, StepResult result) {
        if (points == steps.length) {
            steps = Arrays.copyOf(steps, points * 2);
            dLoss = Arrays.copyOf(dLoss, points * 2);
            gLoss = Arrays.copyOf(gLoss, points * 2);
        }
        steps[points] = step;
        dLoss[points] = result.dLoss();
        gLoss[points] = result.gLoss();
        points++;
    }

    /** Writes beside the target and moves it into place, so that a reader never sees half a file. */
    private Path write(String name, byte[] bytes) throws IOException {
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".partial");
        Files.write(partial, bytes);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
