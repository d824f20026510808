package dev.digitgan.model.bench;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.EpochBatches;
import dev.digitgan.model.train.GanLabels;
import dev.digitgan.model.train.GanTrainer;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.Labels;
import dev.digitgan.model.train.LatentSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints steady-state training throughput (real images per second, one D step + one G step per batch) per preset,
 * a breakdown of where a step's time goes, and generator latency for a batch of 64. Warms up, then measures for a
 * fixed wall time. Not a test: the figures depend on the machine and on what else runs on it, so it prints the
 * load average with them. Run it with {@code scripts/bench.sh} (or {@code ./digitgan bench}).
 *
 * <p>Arguments: {@code [presets, comma-separated (mlp,dcgan)] [batch (256)] [warm-up s (10)] [measure s (20)]
 * [what (all)]}, what being {@code all} or a comma-separated choice of {@code training} (the throughput),
 * {@code breakdown} (after training: where a step's time goes) and {@code generator} (the latency, with half the
 * warm-up and measuring time); scripts/bench-vs-pytorch.sh alternates {@code training,generator} with the PyTorch
 * reference, which mirrors both. Conditional presets train on MNIST's labels, as the trainer does.
 */
public final class GanBenchmark {

    private static final int GENERATOR_BATCH = 64;
    private static final Set<String> PARTS = Set.of("training", "breakdown", "generator");

    private GanBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> presets = List.of((args.length > 0 ? args[0] : "mlp,dcgan").split(","));
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double measureSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        String what = args.length > 4 ? args[4] : "all";
        Set<String> parts = what.equals("all") ? PARTS : Set.of(what.split(","));
        if (!PARTS.containsAll(parts) || parts.contains("breakdown") && !parts.contains("training")) {
            throw new IllegalArgumentException("the fifth argument is 'all' or a comma-separated choice of training,"
                    + " breakdown (with training) and generator, got '" + what + "'");
        }

        MnistDataset data = data();
        System.out.printf(Locale.ROOT, "digitgan benchmark: %s; batch %d; warm-up %.0f s, measure %.0f s%n",
                data.size() == 60_000 ? "MNIST train" : "synthetic data (MNIST not found)", batch, warmupSeconds,
                measureSeconds);
        System.out.printf(Locale.ROOT, "machine: %s, %d CPUs, Java %s, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s%n",
                cpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
        System.out.println("load average before: " + loadAverage());

        for (String name : presets) {
            GanSpec spec = Presets.byName(name).withBatchSize(batch);
            if (parts.contains("training")) {
                training(spec, data, warmupSeconds, measureSeconds, parts.contains("breakdown"));
            }
            if (parts.contains("generator")) {
                generatorLatency(spec, warmupSeconds / 2, measureSeconds / 2);
            }
        }
        System.out.println("load average after:  " + loadAverage());
    }

    private static void training(GanSpec spec, MnistDataset data, double warmupSeconds, double measureSeconds,
            boolean breakdown) {
        GanModel model = GanNetworks.create(spec);
        GanTrainer trainer = new GanTrainer(model);
        EpochBatches batches = new EpochBatches(data, spec.batchSize(), spec.seed());
        BatchSource source = new BatchSource(batches);
        long step = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            trainer.step(source.next(), source.labels(), step++);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long measureEnd = start + (long) (measureSeconds * 1e9);
        long steps = 0;
        List<Double> stepMillis = new ArrayList<>();
        while (System.nanoTime() < measureEnd || steps < 3) {
            long stepStart = System.nanoTime();
            trainer.step(source.next(), source.labels(), step++);
            stepMillis.add((System.nanoTime() - stepStart) / 1e6);
            steps++;
        }
        double[] sortedSteps = stepMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double fastestStep = sortedSteps[0];
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long images = steps * spec.batchSize();
        // With one OpenMP thread all work runs on this thread, so images per CPU-second of it is what an idle
        // core would do; wall-clock images/s is lower when other processes compete for the cores.
        // The fastest step is what a shared machine's interruptions disturb least: compare builds by it under load.
        // The median and p90 show how far typical steps are from it: on two cores a step whose OpenMP partner
        // thread is descheduled (JIT, GC, another process) waits at every barrier.
        System.out.printf(Locale.ROOT, "%-6s training: %,8.0f images/s wall, %,8.0f images per CPU-second of the"
                        + " training thread  (%d steps of %d, %.1f ms/step wall, fastest %.1f ms = %,.0f images/s,"
                        + " median %.1f ms, p90 %.1f ms)  load %s%n",
                spec.preset(), images / seconds, images / cpuSeconds, steps, spec.batchSize(),
                seconds * 1e3 / steps, fastestStep, spec.batchSize() / (fastestStep / 1e3),
                percentile(sortedSteps, 0.5), percentile(sortedSteps, 0.9), loadAverage());
        if (breakdown) {
            breakdown(model, source, spec, Math.max(3, (int) Math.min(steps, 50)));
        }
    }

    /** Times the parts of a step separately (each is what {@link GanTrainer} does in one step). */
    private static void breakdown(GanModel model, BatchSource source, GanSpec spec, int repeats) {
        int n = spec.batchSize();
        LatentSource latent = new LatentSource(spec.latentSize(), 1);
        INDArray realRows = source.next().dup();
        int[] realLabels = source.labels().clone();
        INDArray dInput = Nd4j.vstack(realRows, source.next().dup());
        int[] fakeLabels = source.labels().clone();
        int[] generatedLabels = Labels.draw(spec.seed(), 0, n, Math.max(spec.classes(), 1));
        INDArray dTargets = spec.conditional() ? acganTargets(spec.classes(), realLabels, fakeLabels)
                : GanLabels.discriminatorTargets(n, n);
        INDArray gTargets = spec.conditional() ? acganTargets(spec.classes(), generatedLabels, null)
                : GanLabels.generatorTargets(n);
        INDArray z = Labels.generatorInput(latent.sample(0, n), spec.conditional() ? generatedLabels : null, n,
                spec.latentSize(), spec.classes());
        double[] ms = new double[4];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            latent.sampleArray(r, n);
            long t1 = System.nanoTime();
            model.generator().output(z, true);
            long t2 = System.nanoTime();
            model.discriminator().fit(dInput, dTargets);
            long t3 = System.nanoTime();
            model.stacked().fit(z, gTargets);
            long t4 = System.nanoTime();
            ms[0] += (t1 - t0) / 1e6;
            ms[1] += (t2 - t1) / 1e6;
            ms[2] += (t3 - t2) / 1e6;
            ms[3] += (t4 - t3) / 1e6;
        }
        System.out.printf(Locale.ROOT, "       per step: z %.2f ms, G forward %.2f ms, D fit (2x%d) %.2f ms,"
                        + " G+D fit (%d) %.2f ms%n",
                ms[0] / repeats, ms[1] / repeats, n, ms[2] / repeats, n, ms[3] / repeats);
    }

    /** AC-GAN targets as GanTrainer builds them: [1, one-hot] for {@code real} rows, [0, one-hot] for the rest. */
    private static INDArray acganTargets(int classes, int[] real, int[] fake) {
        int rows = real.length + (fake == null ? 0 : fake.length);
        float[] values = new float[rows * (1 + classes)];
        for (int i = 0; i < rows; i++) {
            boolean isReal = i < real.length;
            values[i * (1 + classes)] = isReal ? GanLabels.REAL : GanLabels.FAKE;
            values[i * (1 + classes) + 1 + (isReal ? real[i] : fake[i - real.length])] = 1f;
        }
        return Nd4j.create(values, new long[] {rows, 1 + classes}, 'c');
    }

    /**
     * Times {@link Generator#generate(float[], int)} for 64 digits on one fixed z: for a conditional G the digits
     * 0..9 in turn and the [z | one-hot] rows, the inference-mode forward pass (batch norm on running statistics),
     * the images copied out to a float[]. An untrained G of the preset: the weight average a sampler serves
     * ({@code emaDecay} &gt; 0) is a network of the same layers, so the same work. pytorch_gan.py --latency times
     * the same calls.
     */
    private static void generatorLatency(GanSpec spec, double warmupSeconds, double measureSeconds) {
        Generator generator = Generator.of(GanNetworks.create(spec).generator(), spec);
        float[] z = new LatentSource(spec.latentSize(), 3).sample(0, GENERATOR_BATCH);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            generator.generate(z, GENERATOR_BATCH);
        }
        List<Double> millis = new ArrayList<>();
        long end = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (System.nanoTime() < end || millis.size() < 5) {
            long t = System.nanoTime();
            generator.generate(z, GENERATOR_BATCH);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-6s generator, batch of %d: median %.2f ms, p90 %.2f ms, min %.2f ms"
                        + " (%d calls)  load %s%n",
                spec.preset(), GENERATOR_BATCH, percentile(sorted, 0.5), percentile(sorted, 0.9), sorted[0],
                sorted.length, loadAverage());
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static MnistDataset data() throws IOException {
        try {
            if (RepoRoot.mnistPresent()) {
                return MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TRAIN);
            }
        } catch (IllegalStateException notInRepo) {
            // fall through to synthetic data
        }
        return dev.digitgan.model.train.SyntheticDigits.of(8192, 1);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(parts, 3));
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** Cycles through epochs forever. */
    private static final class BatchSource {
        private final EpochBatches batches;
        private int epoch;
        private Iterator<INDArray> current;

        BatchSource(EpochBatches batches) {
            this.batches = batches;
            this.current = batches.epoch(0, 0);
        }

        INDArray next() {
            if (!current.hasNext()) {
                current = batches.epoch(++epoch, 0);
            }
            return current.next();
        }

        /** The digits of the batch {@link #next()} returned last. */
        int[] labels() {
            return batches.labels();
        }
    }
}
