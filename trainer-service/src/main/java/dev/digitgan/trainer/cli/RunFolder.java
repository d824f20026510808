package dev.digitgan.trainer.cli;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.image.LossChart;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.train.EpochSummary;
import dev.digitgan.model.train.StepProgress;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.model.train.TrainingListener;
import dev.digitgan.trainer.progress.ProgressLine;
import dev.digitgan.trainer.training.SampleGrid;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * What a command-line run leaves in its output folder, written as training goes:
 * <ul>
 *   <li>{@code grid-epoch-NNN.png} the fixed-z 8x8 sample grid at the end of each epoch</li>
 *   <li>{@code loss.png} D and G loss against step (redrawn at every epoch end and checkpoint)</li>
 *   <li>{@code checkpoint-epoch-NNN.zip} at each epoch end, {@code checkpoint-step-NNNNNNN.zip} for interval and
 *       Ctrl-C checkpoints (the {@code CheckpointFormat} zip)</li>
 *   <li>{@code losses.csv} every step's readings</li>
 * </ul>
 * and a progress line on the console every few seconds. Files appear whole (written beside, then moved).
 */
final class RunFolder implements TrainingListener, Closeable {

    private static final Duration PRINT_EVERY = Duration.ofSeconds(2);

    private final Path dir;
    private final int batchSize;
    private final PrintStream console;
    private final BooleanSupplier interrupted;
    private final BufferedWriter csv;
    private long[] steps = new long[1024];
    private double[] dLoss = new double[1024];
    private double[] gLoss = new double[1024];
    private int points;
    private int stepsPerEpoch = Integer.MAX_VALUE;
    private String preset = "";
    private long nextPrint;

    /** @param interrupted true once the user pressed Ctrl-C: the loop then stops with a checkpoint */
    RunFolder(Path dir, int batchSize, PrintStream console, BooleanSupplier interrupted) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.batchSize = batchSize;
        this.console = console;
        this.interrupted = interrupted;
        this.csv = Files.newBufferedWriter(dir.resolve("losses.csv"), StandardCharsets.UTF_8);
        csv.write("step,epoch,d_loss,g_loss,d_x,d_g_z,images_per_second\n");
    }

    @Override
    public boolean stopRequested() {
        return interrupted.getAsBoolean();
    }

    @Override
    public void onStep(StepProgress progress) {
        stepsPerEpoch = progress.stepsPerEpoch();
        StepResult r = progress.result();
        record(progress.step(), r);
        try {
            csv.write(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.1f%n", progress.step(), progress.epoch(),
                    r.dLoss(), r.gLoss(), r.dOfX(), r.dOfGz(), progress.imagesPerSecond()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("losses.csv"), e);
        }
        long now = System.nanoTime();
        if (now >= nextPrint || progress.stepInEpoch() == progress.stepsPerEpoch()) {
            console.println(ProgressLine.format(progress, batchSize));
            nextPrint = now + PRINT_EVERY.toNanos();
        }
    }

    @Override
    public void onEpochEnd(EpochSummary summary) {
        Path grid = write(String.format(Locale.ROOT, "grid-epoch-%03d.png", summary.epoch()),
                SampleGrid.png(summary.samples()));
        Path chart = writeChart();
        console.printf(Locale.ROOT,
                "epoch %d/%d done in %s (%,.0f img/s): mean D loss %.4f, G loss %.4f; wrote %s, %s%n",
                summary.epoch(), summary.epochs(), ProgressLine.human(summary.duration()), summary.imagesPerSecond(),
                summary.mean().dLoss(), summary.mean().gLoss(), grid.getFileName(), chart.getFileName());
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        CheckpointManifest manifest = checkpoint.manifest();
        preset = manifest.spec().preset();
        boolean epochEnd = !interrupted.getAsBoolean() && manifest.step() % stepsPerEpoch == 0;
        String name = epochEnd ? String.format(Locale.ROOT, "checkpoint-epoch-%03d.zip", manifest.epoch())
                : String.format(Locale.ROOT, "checkpoint-step-%07d.zip", manifest.step());
        try {
            write(name, CheckpointFormat.toBytes(checkpoint));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
        if (!epochEnd) {
            writeChart();
            console.printf("checkpoint at step %d: wrote %s%n", manifest.step(), name);
        }
        if (manifest.quality() != null) {
            console.printf(Locale.ROOT, "quality of checkpoint %d (epoch %d, step %d): %s%n", manifest.version(),
                    manifest.epoch(), manifest.step(), manifest.quality().summary());
        }
    }

    /** {@code quality.json}: the evaluator's scores of the run's last weights. */
    void writeFinalQuality(QualityScores scores) {
        try {
            Path file = write("quality.json", new EventCodec().mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(scores));
            console.printf(Locale.ROOT, "quality of the last weights: %s; wrote %s%n", scores.summary(),
                    file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("quality.json"), e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private Path writeChart() {
        return write("loss.png", LossChart.png("D and G loss" + (preset.isEmpty() ? "" : ", " + preset),
                Arrays.copyOf(steps, points), Arrays.copyOf(dLoss, points), Arrays.copyOf(gLoss, points), 900, 500));
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
    private Path write(String name, byte[] bytes) {
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".partial");
        try {
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }
}
