package dev.digitgan.sampler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.sampler.model.GeneratorPool;
import dev.digitgan.sampler.model.Latents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pool of generator copies versus a micro-batcher, in process, for the sampler's real workload: 16
 * concurrent requests for a 64-digit grid (generate + PNG encode) with the mlp preset's generator.
 * The variants run in alternating short rounds so that a shared machine's changing load hits them
 * alike; prints every round and the median per variant. Asserts only that each produced grids.
 * {@code -Dbench.rounds=N -Dbench.seconds=S} (seconds per round).
 */
@Tag("slow")
class ConcurrencyBenchmarkTest {

    static final int THREADS = 16;
    static final int DIGITS = 64;

    @Test
    void poolVersusMicroBatcher() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        int seconds = Integer.getInteger("bench.seconds", 6);
        MultiLayerNetwork generator = GanNetworks.create(Presets.mlp()).generator();
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "concurrency benchmark: %d threads, %d-digit grids, %d rounds x %d s"
                + " per variant, %d cores, OMP_NUM_THREADS=%s%n",
                THREADS, DIGITS, rounds, seconds, cores, System.getenv("OMP_NUM_THREADS"));

        GeneratorPool pool = new GeneratorPool(generator.clone(), cores);
        GeneratorPool one = new GeneratorPool(generator.clone(), 1);
        GeneratorPool single = new GeneratorPool(generator.clone(), 1);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        try (MicroBatcher batcher = new MicroBatcher(single, THREADS)) {
            Map<String, BiFunction<float[], Integer, float[]>> variants = new LinkedHashMap<>();
            variants.put("pool of " + cores + " copies", pool::generate);
            variants.put("pool of 1 copy", one::generate);
            variants.put("micro-batcher (1 network, up to " + THREADS + " requests a pass)", batcher::generate);
            for (int r = 0; r < rounds; r++) {
                for (var v : variants.entrySet()) {
                    rates.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(run(seconds, v.getValue()));
                }
            }
        }
        rates.forEach((name, list) -> System.out.printf(Locale.ROOT, "  %-55s median %7.1f grids/s   rounds %s%n",
                name, median(list), list.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList()));
        assertThat(rates.values()).allMatch(list -> median(list) > 0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double run(int seconds, BiFunction<float[], Integer, float[]> generate) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicLong done = new AtomicLong();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
        int latent = Presets.mlp().latentSize();
        for (int t = 0; t < THREADS; t++) {
            long threadSeed = t * 1_000_003L;
            threads.execute(() -> {
                long i = 0;
                while (System.nanoTime() < end) {
                    float[] images = generate.apply(Latents.batch(threadSeed + i++, 0, DIGITS, latent), DIGITS);
                    DigitImages.gridPng(images, DIGITS, 8, 2);
                    if (System.nanoTime() > warmUpEnd) {
                        done.incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        return done.get() / (double) seconds;
    }
}
