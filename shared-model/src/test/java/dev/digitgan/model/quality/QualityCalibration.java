package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints the calibration table of shared-model/README.md ("Quality"): the shipped evaluator's scores for sample
 * sets of known quality, N each (default {@link EvaluationProtocol#REPORT_SAMPLES}). Run by
 * {@code scripts/bench-quality.sh calibration [N]}.
 */
public final class QualityCalibration {

    private static final int ONE_CLASS_DIGIT = 3;
    private static final int SPREAD_SETS = 5;

    private QualityCalibration() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : EvaluationProtocol.REPORT_SAMPLES;
        MnistDataset train = QualityTestData.load(MnistSplit.TRAIN);
        MnistDataset test = QualityTestData.load(MnistSplit.TEST);
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        System.out.printf(Locale.ROOT, "quality calibration: evaluator %s, N = %d; OMP_NUM_THREADS=%s; load %s%n%n",
                evaluator.id(), n, System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"),
                QualityBenchmarks.loadAverage());
        System.out.println("| samples | N | Fréchet distance | Inception Score | label entropy (bits) | "
                + "label accuracy |");
        System.out.println("|---|---|---|---|---|---|");
        float[] real = CalibrationSets.real(train, n);
        int[] labels = CalibrationSets.labels(train, n);
        row("MNIST test set itself (the reference)", evaluator, test.images(), test.size(), null);
        row("real training digits", evaluator, real, n, null);
        row("real, Gaussian blur σ = 0.5 px", evaluator, CalibrationSets.blurred(real, 0.5), n, null);
        row("real, Gaussian blur σ = 1.0 px", evaluator, CalibrationSets.blurred(real, 1.0), n, null);
        row("uniform noise in [-1, 1]", evaluator, CalibrationSets.uniformNoise(n, 1), n, null);
        row("one class only (training 3s)", evaluator, CalibrationSets.oneClass(train, ONE_CLASS_DIGIT, n), n, null);
        row("real, requested labels = true labels", evaluator, real, n, labels);
        row("real, requested labels shuffled", evaluator, real, n, CalibrationSets.shuffled(labels, 3));
        spread(evaluator, train, n);
        System.out.printf(Locale.ROOT, "%nload after: %s%n", QualityBenchmarks.loadAverage());
    }

    /**
     * How much the distance of real digits varies from one set of N to another: a margin between two generators'
     * distances smaller than this spread is noise of the sample, not a difference of the generators.
     */
    private static void spread(QualityEvaluator evaluator, MnistDataset train, int n) {
        int sets = Math.min(SPREAD_SETS, train.size() / n);
        if (sets < 2) {
            return;
        }
        double[] distances = new double[sets];
        for (int k = 0; k < sets; k++) {
            float[] images = Arrays.copyOfRange(train.images(), k * n * train.pixels(), (k + 1) * n * train.pixels());
            distances[k] = evaluator.score(images, n).frechetDistance();
        }
        double mean = Arrays.stream(distances).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(distances).map(d -> (d - mean) * (d - mean)).sum() / (sets - 1));
        System.out.printf(Locale.ROOT, "%nreal training digits, %d disjoint sets of N = %,d: Fréchet distance "
                        + "%.3f ± %.3f (mean ± sd; min %.3f, max %.3f)%n", sets, n, mean, sd,
                Arrays.stream(distances).min().orElseThrow(), Arrays.stream(distances).max().orElseThrow());
    }

    private static void row(String what, QualityEvaluator evaluator, float[] images, int n, int[] labels) {
        QualityScores s = evaluator.score(images, n, labels);
        System.out.printf(Locale.ROOT, "| %s | %,d | %.3f | %.2f | %.3f | %s |%n", what, s.samples(),
                s.frechetDistance(), s.inceptionScore(), s.labelEntropyBits(),
                s.labelAccuracy() == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * s.labelAccuracy()));
    }
}
