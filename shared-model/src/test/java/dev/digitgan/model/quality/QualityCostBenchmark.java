package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.Generator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints what scoring costs: per N, the evaluator's time (classifier forward passes, feature statistics, Fréchet
 * distance) wall and CPU, median of several repeats after a warm-up; then per preset the time to generate the
 * checkpoint N from an untrained generator of that preset plus the scoring. Not a test: the figures depend on the
 * machine and its load, printed beside them. Run by {@code scripts/bench-quality.sh cost [Ns] [repeats]}.
 */
public final class QualityCostBenchmark {

    private QualityCostBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "500,1000,2000,5000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        MnistDataset train = QualityTestData.load(MnistSplit.TRAIN);
        QualityEvaluator.shipped(); // first load: ND4J's start-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long loadStart = System.nanoTime();
        long loadCpuStart = threads.getCurrentThreadCpuTime();
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        double loadCpuMs = (threads.getCurrentThreadCpuTime() - loadCpuStart) / 1e6;
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        MnistClassifier classifier = new MnistClassifier(
                ClassifierWeights.decode(QualityResources.read(QualityResources.WEIGHTS)));
        FrechetDistance frechet = new FrechetDistance(FeatureGaussian.decode(
                QualityResources.read(QualityResources.TEST_FEATURES), ClassifierNetwork.FEATURES));
        System.out.printf(Locale.ROOT, "quality scoring cost: evaluator %s; %d repeats (median); %d CPUs; "
                        + "OMP_NUM_THREADS=%s; load before %s%n", evaluator.id(), repeats,
                Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), QualityBenchmarks.loadAverage());
        System.out.printf(Locale.ROOT, "QualityEvaluator.shipped() (read, verify, build; ND4J already up): "
                + "%.0f ms wall, %.0f ms CPU%n%n", loadMs, loadCpuMs);

        System.out.println("| N | score wall ms | score CPU ms | of which classifier CPU ms"
                + " | statistics + FD CPU ms |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            float[] images = CalibrationSets.real(train, Math.min(n, train.size()));
            evaluator.score(images, n); // warm-up
            Timing total = Timing.of(repeats, () -> evaluator.score(images, n));
            Timing forward = Timing.of(repeats, () -> classifier.classify(images, n));
            MnistClassifier.Classified classified = classifier.classify(images, n);
            Timing statistics = Timing.of(repeats, () -> frechet.to(classified.featureGaussian()));
            System.out.printf(Locale.ROOT, "| %,d | %.0f | %.0f | %.0f | %.1f |%n", n, total.wallMs(), total.cpuMs(),
                    forward.cpuMs(), statistics.cpuMs());
        }

        int n = EvaluationProtocol.CHECKPOINT_SAMPLES;
        System.out.printf(Locale.ROOT, "%nper preset, N = %,d from the evaluation z, untrained generators:%n%n", n);
        System.out.println("| preset | generate wall ms | generate CPU ms | generate + score wall ms | "
                + "generate + score CPU ms |");
        System.out.println("|---|---|---|---|---|");
        for (String preset : Presets.names()) {
            Generator generator = new Generator(GanNetworks.generator(Presets.byName(preset)));
            evaluator.score(generator, n); // warm-up
            Timing generate = Timing.of(repeats, () -> QualityEvaluator.generate(generator, n));
            Timing both = Timing.of(repeats, () -> evaluator.score(generator, n));
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n", preset, generate.wallMs(),
                    generate.cpuMs(), both.wallMs(), both.cpuMs());
        }
        System.out.printf(Locale.ROOT, "%nload after: %s%n", QualityBenchmarks.loadAverage());
    }

    /** Medians of wall and CPU time (this thread; ND4J runs on it with OMP_NUM_THREADS=1) over repeats. */
    private record Timing(double wallMs, double cpuMs) {
        static Timing of(int repeats, Runnable work) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long w = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                work.run();
                cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
                wall.add((System.nanoTime() - w) / 1e6);
            }
            return new Timing(median(wall), median(cpu));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }
}
