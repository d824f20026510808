package dev.digitgan.model.bench;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.EpochSummary;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.StepProgress;
import dev.digitgan.model.train.TrainingListener;
import dev.digitgan.model.train.TrainingLoop;
import dev.digitgan.model.train.TrainingOptions;
import dev.digitgan.model.train.TrainingOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains presets (or variants of them) on full MNIST and measures each epoch, to choose defaults: the project's
 * evaluator ({@link QualityEvaluator}: Fréchet distance, Inception Score, label entropy) on the checkpoint N each
 * epoch and on {@link EvaluationProtocol#REPORT_SAMPLES} at the end, the distance of the generated per-pixel mean to
 * the data's, and the epoch's mean D(x) / D(G(z)). Writes each epoch's fixed-z 8x8 grid as a PNG to look at.
 *
 * <p>Arguments: {@code specs epochs outDir}, where specs is a comma-separated list of {@code preset} or
 * {@code preset:key=value:...} with keys lr, glr, dlr, beta1, keep, batch, seed, gch, dch (channel lists such as
 * {@code 64/32}), e.g. {@code mlp:lr=2e-4} or {@code dcgan:dch=64/128}.
 */
public final class PresetTrial {

    private PresetTrial() {
    }

    public static void main(String[] args) throws IOException {
        String[] specs = (args.length > 0 ? args[0] : "mlp").split(",");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path out = Path.of(args.length > 2 ? args[2] : "target/preset-trial");
        Files.createDirectories(out);
        MnistDataset train = MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TRAIN);
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        float[] dataMean = train.meanImage();

        for (String text : specs) {
            GanSpec spec = parse(text);
            String name = text.replace(':', '_').replace('=', '-').replace('/', '+');
            System.out.printf(Locale.ROOT, "== %s: %s%n", text, spec);
            long start = System.nanoTime();
            TrainingOutcome outcome = new TrainingLoop(new TrainingOptions("trial-" + name, epochs, 0, 64))
                    .train(spec, train, new TrainingListener() {
                        @Override
                        public void onStep(StepProgress p) {
                        }

                        @Override
                        public void onEpochEnd(EpochSummary s) {
                            report(name, s, out);
                        }
                    });
            double seconds = (System.nanoTime() - start) / 1e9;
            Generator generator = new Generator(outcome.model().generator());
            int n = EvaluationProtocol.REPORT_SAMPLES;
            QualityScores score = evaluator.score(generator, n);
            System.out.printf(Locale.ROOT, "%s after %d epochs (%.0f s training): %s; mean-image RMS distance %.4f%n",
                    text, epochs, seconds, score.summary(),
                    rmsToMean(QualityEvaluator.generate(generator, n), n, dataMean));
        }
    }

    private static void report(String name, EpochSummary s, Path out) {
        try {
            Files.write(out.resolve(name + "-epoch" + s.epoch() + ".png"),
                    DigitImages.gridPng(s.samples(), s.sampleCount(), 8, 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "  epoch %d: D loss %.3f, G loss %.3f, D(x) %.3f, D(G(z)) %.3f, %.0f img/s%n",
                s.epoch(), s.mean().dLoss(), s.mean().gLoss(), s.mean().dOfX(), s.mean().dOfGz(), s.imagesPerSecond());
    }

    public static double rmsToMean(float[] images, int n, float[] mean) {
        int pixels = mean.length;
        double sum = 0;
        for (int p = 0; p < pixels; p++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += images[i * pixels + p];
            }
            double d = m / n - mean[p];
            sum += d * d;
        }
        return Math.sqrt(sum / pixels);
    }

    private static java.util.List<Integer> channels(String text) {
        return java.util.Arrays.stream(text.split("/")).map(Integer::valueOf).toList();
    }

    private static GanSpec parse(String text) {
        String[] parts = text.split(":");
        GanSpec spec = Presets.byName(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            double v = kv[0].endsWith("ch") ? 0 : Double.parseDouble(kv[1]);
            spec = switch (kv[0]) {
                case "lr" -> spec.withLearningRate(v);
                case "glr" -> spec.withGeneratorLearningRate(v);
                case "dlr" -> spec.withDiscriminatorLearningRate(v);
                case "beta1" -> spec.withBeta1(v);
                case "keep" -> spec.withDropoutKeep(v);
                case "batch" -> spec.withBatchSize((int) v);
                case "seed" -> spec.withSeed((long) v);
                case "gch" -> spec.withGeneratorChannels(channels(kv[1]));
                case "dch" -> spec.withDiscriminatorChannels(channels(kv[1]));
                default -> throw new IllegalArgumentException("unknown key " + kv[0] + " in " + text);
            };
        }
        return spec;
    }
}
