package dev.digitgan.trainer.cli;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistFiles;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.spec.AdversarialLoss;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.CheckpointScorer;
import dev.digitgan.model.train.EpochBatches;
import dev.digitgan.model.train.TrainingLoop;
import dev.digitgan.model.train.TrainingOptions;
import dev.digitgan.model.train.TrainingOutcome;
import dev.digitgan.trainer.backend.BackendInfo;
import dev.digitgan.trainer.progress.ProgressLine;
import dev.digitgan.trainer.training.MnistSource;
import dev.digitgan.trainer.training.SampleGrid;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a preset on MNIST in this process, with no Kafka and no S3, and writes grids, loss chart
 * and checkpoints into a folder (see {@link RunFolder}). Ctrl-C stops after the current step with a checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a GAN on MNIST from the command line; writes per-epoch sample grids, a loss chart and "
                + "checkpoints into the output folder.")
public final class TrainCommand implements Callable<Integer> {

    static final int MAX_EPOCHS = 1000;
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--preset", defaultValue = Presets.DEFAULT, completionCandidates = PresetNames.class,
            description = "one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String preset;

    /** The presets' names as {@link Presets} lists them, for the help text. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Presets.names().iterator();
        }
    }

    @Option(names = "--epochs", defaultValue = "5", description = "epochs to train (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--minutes", description = "a time budget: stop after this many minutes of training (after the"
            + " step in progress, with a last checkpoint), or at --epochs, whichever comes first")
    Double minutes;

    @Option(names = "--out", description = "output folder (default: runs/<preset>-<UTC time>)")
    Path out;

    @Option(names = "--mnist", defaultValue = "${env:DIGITGAN_MNIST_DIR:-data/mnist}",
            description = "folder with the MNIST IDX files (default: ${DEFAULT-VALUE})")
    Path mnist;

    @Option(names = "--seed", description = "seed of weights, shuffling and noise (default: the preset's)")
    Long seed;

    @Option(names = "--batch-size", description = "images per step (default: the preset's)")
    Integer batchSize;

    @Option(names = "--lr", description = "Adam learning rate of G and D (default: the preset's)")
    Double learningRate;

    @Option(names = "--d-lr", description = "Adam learning rate of D alone, after --lr (default: the preset's)")
    Double discriminatorLearningRate;

    @Option(names = "--ema-decay", description = "serve an exponential moving average of G's weights with this"
            + " decay, e.g. 0.999; 0 = off (default: the preset's)")
    Double emaDecay;

    @Option(names = "--label-smoothing", description = "one-sided label smoothing: D's target for real images is"
            + " 1 - this; 0 = off (default: the preset's)")
    Double labelSmoothing;

    @Option(names = "--loss", description = "D's real/fake loss: ${COMPLETION-CANDIDATES} (default: the preset's,"
            + " CROSS_ENTROPY for every preset)")
    AdversarialLoss loss;

    @Option(names = "--max-images", description = "train on the first N images only (default: all 60,000)")
    Integer maxImages;

    @Option(names = "--score-samples", defaultValue = "" + EvaluationProtocol.CHECKPOINT_SAMPLES,
            description = "score each checkpoint on N digits with the project's evaluator; 0 = off"
                    + " (default: ${DEFAULT-VALUE})")
    int scoreSamples;

    @Option(names = "--final-samples", defaultValue = "" + EvaluationProtocol.REPORT_SAMPLES,
            description = "score the last weights on N digits; 0 = off (default: ${DEFAULT-VALUE})")
    int finalSamples;

    @Option(names = "--checkpoint-every", defaultValue = "0",
            description = "also checkpoint every N steps (default: epoch ends only)")
    int checkpointEvery;

    private final PrintStream console;

    public TrainCommand(PrintStream console) {
        this.console = console;
    }

    /** Runs the command line; returns the process exit code (0 done, 1 error, 2 bad arguments, 130 interrupted). */
    public static int run(PrintStream console, PrintStream errors, String... args) {
        return CommandLines.execute(new TrainCommand(console), console, errors, args);
    }

    @Override
    public Integer call() throws Exception {
        GanSpec spec = spec();
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("--epochs must be 1.." + MAX_EPOCHS + ", got " + epochs);
        }
        if (minutes != null && !(minutes > 0)) {
            throw new IllegalArgumentException("--minutes must be > 0, got " + minutes);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0 steps, got " + checkpointEvery);
        }
        MnistDataset data = loadMnist();
        Path folder = out != null ? out : Path.of("runs", spec.preset() + "-" + FOLDER_TIME.format(Instant.now()));
        console.println(BackendInfo.current().describe());
        int stepsPerEpoch = new EpochBatches(data, spec.batchSize(), spec.seed()).stepsPerEpoch();
        console.printf(Locale.ROOT, "training %s: %d epochs of %d steps (batch %d, %,d images), lr G %s D %s,"
                        + " seed %d, classes %d, EMA %s, label smoothing %s, loss %s; output in %s%n", spec.preset(),
                epochs,
                stepsPerEpoch,
                spec.batchSize(), data.size(), spec.generatorLearningRate(), spec.discriminatorLearningRate(),
                spec.seed(), spec.classes(), spec.emaDecay(), spec.labelSmoothing(), spec.loss(),
                folder.toAbsolutePath());

        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            try {
                // Let the loop finish its step and write its checkpoint before the JVM goes.
                done.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Instant start = Instant.now();
        TrainingOutcome outcome;
        long deadline = minutes == null ? Long.MAX_VALUE : System.nanoTime() + (long) (minutes * 60e9);
        try (RunFolder folderWriter = new RunFolder(folder, spec.batchSize(), console,
                () -> interrupted.get() || System.nanoTime() - deadline >= 0)) {
            TrainingOptions options = new TrainingOptions(runId(folder), epochs, checkpointEvery,
                    SampleGrid.count(spec)).scored(scoreSamples, finalSamples);
            CheckpointScorer scorer = scoreSamples == 0 && finalSamples == 0 ? CheckpointScorer.NONE
                    : QualityEvaluator.shipped()::score;
            outcome = new TrainingLoop(options, Clock.systemUTC(), scorer).train(spec, data, folderWriter);
            if (outcome.finalQuality() != null) {
                folderWriter.writeFinalQuality(outcome.finalQuality());
            }
        } finally {
            done.countDown();
        }
        if (!interrupted.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        // a stop that was not Ctrl-C is the time budget running out: the run is done, not interrupted
        boolean cut = outcome.stopped() && interrupted.get();
        String how = cut ? "interrupted" : outcome.stopped() ? "time budget of " + minutes + " min used up" : "done";
        console.printf("%s after %s (%d steps, %d epochs); results in %s%n", how,
                ProgressLine.human(Duration.between(start, Instant.now())), outcome.steps(), outcome.epochs(),
                folder.toAbsolutePath());
        return cut ? 130 : 0;
    }

    GanSpec spec() {
        GanSpec spec = Presets.byName(preset);
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        if (batchSize != null) {
            spec = spec.withBatchSize(batchSize);
        }
        if (learningRate != null) {
            spec = spec.withLearningRate(learningRate);
        }
        if (discriminatorLearningRate != null) {
            spec = spec.withDiscriminatorLearningRate(discriminatorLearningRate);
        }
        if (emaDecay != null) {
            spec = spec.withEmaDecay(emaDecay);
        }
        if (labelSmoothing != null) {
            spec = spec.withLabelSmoothing(labelSmoothing);
        }
        if (loss != null) {
            spec = spec.withLoss(loss);
        }
        return spec;
    }

    private MnistDataset loadMnist() throws IOException {
        MnistFiles.verify(mnist); // names the missing or damaged files and says to run scripts/fetch-mnist.sh
        try {
            return new MnistSource(mnist, maxImages == null ? OptionalInt.empty() : OptionalInt.of(maxImages)).train();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A checkpoint's run id for a command-line run: the folder name in the run-id alphabet. */
    static String runId(Path folder) {
        String name = folder.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+", "");
        String id = "cli-" + (name.isEmpty() ? "run" : name);
        return id.length() > 63 ? id.substring(0, 63) : id;
    }
}
