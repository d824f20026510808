package dev.digitgan.model.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Prints how long loading MNIST takes, cold (first call) and warm (later calls in the same JVM).
 * Not a test: figures depend on the machine and its load. Run with
 * {@code mvn -B -q -o -pl shared-model test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.digitgan.model.mnist.MnistLoadBenchmark [-Dexec.args="iterations [dir]"]}.
 */
public final class MnistLoadBenchmark {

    private MnistLoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = args.length > 1 ? Path.of(args[1]) : RepoRoot.mnistDir();
        System.out.printf("MNIST load benchmark: %s, %d iterations, %d CPUs, Java %s%n",
                dir, iterations, Runtime.getRuntime().availableProcessors(), Runtime.version());

        report("MnistFiles.verify (SHA-256 x4)", 3, () -> {
            MnistFiles.verify(dir);
            return dir;
        });
        report("IdxReader.readImages(train)", iterations,
                () -> IdxReader.readImages(MnistFiles.imagesFile(dir, MnistSplit.TRAIN)));
        report("MnistDataset.load(TRAIN)", iterations, () -> MnistDataset.load(dir, MnistSplit.TRAIN));
        report("MnistDataset.load(TEST)", iterations, () -> MnistDataset.load(dir, MnistSplit.TEST));
        MnistDataset train = MnistDataset.load(dir, MnistSplit.TRAIN);
        report("meanImage(train)", iterations, train::meanImage);
    }

    private interface Task {
        Object run() throws IOException;
    }

    private static void report(String name, int iterations, Task task) throws IOException {
        double[] millis = new double[iterations];
        Object result = null;
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            result = task.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        double first = millis[0];
        double[] warm = Arrays.copyOfRange(millis, Math.min(1, iterations - 1), iterations);
        Arrays.sort(warm);
        System.out.printf("%-32s first %8.1f ms | warm min %8.1f  median %8.1f  max %8.1f ms (%s)%n", name, first,
                warm[0], warm[warm.length / 2], warm[warm.length - 1], result);
    }
}
