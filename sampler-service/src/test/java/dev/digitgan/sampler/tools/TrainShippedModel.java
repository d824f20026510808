package dev.digitgan.sampler.tools;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.EpochSummary;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.TrainingListener;
import dev.digitgan.model.train.TrainingLoop;
import dev.digitgan.model.train.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains the generator the sampler ships (run {@value #RUN_ID}, {@link #recipe()}) on the real MNIST training set
 * with the project's own training loop, for a time budget (30 minutes by default), and writes it as a
 * generator-only checkpoint after every epoch and when the budget ends, so an interrupted run still leaves the
 * newest weights, with their scores beside them ({@link ScoreShippedModel}). Prints each epoch's figures and keeps
 * each epoch's grid and checkpoint under target/ ({@code epoch-NN.png}, {@code epoch-NN.zip}) to look at and to
 * score. At the end it scores, on the report N (10,000), the served weight average and the raw G of the same last
 * step: the weight average's effect at equal CPU time. With a budget of 0 it only rescores the shipped file.
 *
 * <pre>scripts/train-shipped-model.sh [minutes (30)] [mnist dir (data/mnist)] [max epochs (200)]</pre>
 */
public final class TrainShippedModel {

    public static final String RUN_ID = "shipped-cdcgan";
    /** The budget ends the run; this only bounds a run whose budget is huge (a fifth argument lowers it). */
    private static final int MAX_EPOCHS = 200;

    /**
     * The shipped model's recipe: the conditional DCGAN preset {@code cdcgan} as it is (AC-GAN, weight average 0.999,
     * least-squares loss). A new recipe is a change of this line, measured first (root README, "Models").
     */
    static GanSpec recipe() {
        return Presets.cdcgan();
    }

    private TrainShippedModel() {
    }

    public static void main(String[] args) throws IOException {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        Path mnist = Path.of(args.length > 1 ? args[1] : "data/mnist");
        Path output = Path.of(args.length > 2 ? args[2]
                : "sampler-service/src/main/resources/shipped-model/generator-checkpoint.zip");
        Path grids = Path.of(args.length > 3 ? args[3] : "sampler-service/target/shipped-model");
        // an epoch cap makes a run on a busy machine do the steps the budget gives on a quiet one
        int maxEpochs = args.length > 4 ? Integer.parseInt(args[4]) : MAX_EPOCHS;
        Files.createDirectories(output.getParent());
        Files.createDirectories(grids);
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        if (minutes == 0) {
            System.out.println("budget 0: rescoring " + output + " only: "
                    + ScoreShippedModel.write(output, evaluator));
            return;
        }

        GanSpec spec = recipe();
        MnistDataset data = MnistDataset.load(mnist, MnistSplit.TRAIN);
        System.out.printf(Locale.ROOT, "training %s (%s, loss %s) for %.1f minutes or %d epochs on %d MNIST images,"
                + " OMP_NUM_THREADS=%s, load average %s%n", RUN_ID, spec.preset(), spec.loss(), minutes, maxEpochs,
                data.size(), System.getenv("OMP_NUM_THREADS"), loadAverage());
        long started = System.nanoTime();
        long deadline = started + (long) (minutes * 60e9);
        int columns = spec.conditional() ? spec.classes() : 8;
        AtomicReference<Checkpoint> last = new AtomicReference<>();
        TrainingOptions options = new TrainingOptions(RUN_ID, maxEpochs, 0, columns * columns);
        new TrainingLoop(options).train(spec, data, new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return System.nanoTime() >= deadline;
            }

            @Override
            public void onEpochEnd(EpochSummary s) {
                System.out.printf(Locale.ROOT, "epoch %d step %d: D loss %.3f, G loss %.3f, D(x) %.3f, D(G(z)) %.3f,"
                                + " %.0f img/s, %s (total %s), load %s%n", s.epoch(), s.step(), s.mean().dLoss(),
                        s.mean().gLoss(), s.mean().dOfX(), s.mean().dOfGz(), s.imagesPerSecond(), s.duration(),
                        Duration.ofNanos(System.nanoTime() - started).withNanos(0), loadAverage());
                write(grids.resolve(String.format(Locale.ROOT, "epoch-%02d.png", s.epoch())),
                        DigitImages.gridPng(s.samples(), s.sampleCount(), columns, 2));
            }

            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                last.set(checkpoint);
                CheckpointManifest manifest = checkpoint.manifest();
                try {
                    byte[] zip = GeneratorOnlyCheckpoint.write(manifest, checkpoint.generator());
                    write(output, zip);
                    write(grids.resolve(String.format(Locale.ROOT, "epoch-%02d.zip", manifest.epoch())), zip);
                    System.out.printf(Locale.ROOT, "wrote %s@%d (epoch %d, step %d) to %s%n", manifest.runId(),
                            manifest.version(), manifest.epoch(), manifest.step(), output);
                    // scored as the trainer scores a checkpoint, so that the best policy compares it with them
                    System.out.println(ScoreShippedModel.write(output, evaluator));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started).withNanos(0);
        Checkpoint end = last.get();
        System.out.printf(Locale.ROOT, "done in %s: %s@%d, epoch %d, step %d%n", took, RUN_ID,
                end.manifest().version(), end.manifest().epoch(), end.manifest().step());
        int n = EvaluationProtocol.REPORT_SAMPLES;
        System.out.println("served G (" + (spec.emaDecay() > 0 ? "weight average " + spec.emaDecay() : "raw")
                + "): " + evaluator.score(Generator.of(end.generator(), spec), n).summary());
        if (spec.emaDecay() > 0) {
            System.out.println("raw G of the same step: " + evaluator.score(rawGenerator(end), n).summary());
        }
    }

    /** G as the stacked network holds it (the weights the last G step left), beside the served average. */
    private static Generator rawGenerator(Checkpoint checkpoint) {
        GanSpec spec = checkpoint.manifest().spec();
        MultiLayerNetwork g = GanNetworks.generator(spec);
        g.setParams(checkpoint.stacked().params().get(NDArrayIndex.all(), NDArrayIndex.interval(0, g.numParams()))
                .dup());
        return Generator.of(g, spec);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void write(Path path, byte[] bytes) {
        try {
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
