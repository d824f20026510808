package dev.digitgan.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints how long the servers take to become ready, and their resident memory once ready.
 *
 * <p>{@code scripts/stack-cold-start.sh [ROUNDS]} (default 3 rounds). Each
 * round: S3Proxy alone on a fresh folder, Kafka alone on a fresh folder (includes the storage format
 * JVM), Kafka again on that folder (a restart: no format), and both together as {@link LocalStack}
 * starts them (in parallel). The load average is printed because other work on the machine skews
 * every figure.
 */
public final class ColdStartBenchmark {

    private record Sample(long millis, long rssKb) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        StackHome home = StackHome.locate();
        Path root = Files.createDirectories(Path.of("local-stack", "target", "cold-start-benchmark").toAbsolutePath());
        System.out.printf("cold-start benchmark: %d rounds, %d CPUs, load average before: %s%n",
                rounds, Runtime.getRuntime().availableProcessors(), loadAverage());
        List<Sample> s3 = new ArrayList<>();
        List<Sample> kafkaFresh = new ArrayList<>();
        List<Sample> kafkaRestart = new ArrayList<>();
        List<Sample> stack = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path dir = root.resolve("round-" + round);
            DataDirs.deleteUnlessKept(dir);
            s3.add(measure(() -> new LocalS3(home, dir.resolve("s3"), 0, S3Credentials.random()),
                    LocalS3::start, s -> new long[] {s.pid()}));
            kafkaFresh.add(measure(() -> new LocalKafka(home, dir.resolve("kafka"), 0, 0), LocalKafka::start,
                    k -> new long[] {k.pid()}));
            kafkaRestart.add(measure(() -> new LocalKafka(home, dir.resolve("kafka"), 0, 0), LocalKafka::start,
                    k -> new long[] {k.pid()}));
            stack.add(measure(() -> new LocalStack(home, dir.resolve("stack"), 0, 0, 0, S3Credentials.random()),
                    s -> s.start("digitgan"), LocalStack::pids));
            DataDirs.deleteUnlessKept(dir);
            System.out.printf("round %d: S3 %d ms, Kafka fresh %d ms, Kafka restart %d ms, both %d ms%n", round,
                    s3.get(round - 1).millis(), kafkaFresh.get(round - 1).millis(),
                    kafkaRestart.get(round - 1).millis(), stack.get(round - 1).millis());
        }
        System.out.printf("%-30s %8s %8s %8s %12s%n", "ready after (ms)", "min", "median", "max", "RSS (MiB)");
        print("S3Proxy, fresh folder", s3);
        print("Kafka, fresh folder (+format)", kafkaFresh);
        print("Kafka, restart on its folder", kafkaRestart);
        print("LocalStack, both, fresh", stack);
        System.out.printf("load average after: %s%n", loadAverage());
    }

    @FunctionalInterface
    private interface Factory<T> {
        T create();
    }

    /** Time from constructing to ready; RSS of the server processes (summed) when ready. */
    private static <T extends AutoCloseable> Sample measure(Factory<T> factory, Function<T, Object> start,
                                                            Function<T, long[]> pids) {
        long begin = System.nanoTime();
        try (T server = factory.create()) {
            start.apply(server);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            return new Sample(millis, java.util.Arrays.stream(pids.apply(server)).map(ColdStartBenchmark::rssKb).sum());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String what, List<Sample> samples) {
        List<Long> millis = samples.stream().map(Sample::millis).sorted().toList();
        long rss = samples.stream().mapToLong(Sample::rssKb).max().orElse(0) / 1024;
        System.out.printf("%-30s %8d %8d %8d %12d%n", what, millis.get(0), millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), rss);
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0; // not Linux: no figure
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }
}
