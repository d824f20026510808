package dev.digitgan.sampler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.sampler.model.GeneratorPool;
import dev.digitgan.sampler.model.Latents;
import java.util.Locale;
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
 * Prints grids/s for each; asserts only that both produced grids. {@code -Dbench.seconds=N} per variant.
 */
@Tag("slow")
class ConcurrencyBenchmarkTest {

    static final int THREADS = 16;
    static final int DIGITS = 64;

    @Test
    void poolVersusMicroBatcher() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        MultiLayerNetwork generator = GanNetworks.create(Presets.mlp()).generator();
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "concurrency benchmark: %d threads, %d-digit grids, %d s per variant, %d cores, OMP_NUM_THREADS=%s%n",
                THREADS, DIGITS, seconds, workers, System.getenv("OMP_NUM_THREADS"));

        GeneratorPool pool = new GeneratorPool(generator.clone(), workers);
        double poolRate = run("pool of " + workers + " copies", seconds, (z, n) -> pool.generate(z, n));

        GeneratorPool single = new GeneratorPool(generator.clone(), 1);
        double batchRate;
        try (MicroBatcher batcher = new MicroBatcher(single, THREADS)) {
            batchRate = run("micro-batcher (1 network, batches up to " + THREADS + " requests)", seconds, batcher::generate);
        }
        System.out.printf(Locale.ROOT, "pool / micro-batcher = %.2f%n", poolRate / batchRate);
        assertThat(poolRate).isPositive();
        assertThat(batchRate).isPositive();
    }

    private static double run(String name, int seconds, BiFunction<float[], Integer, float[]> generate) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicLong done = new AtomicLong();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 5));
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < THREADS; t++) {
            long threadSeed = t * 1_000_003L;
            threads.execute(() -> {
                long i = 0;
                while (System.nanoTime() < end) {
                    float[] images = generate.apply(Latents.batch(threadSeed + i++, 0, DIGITS, Presets.mlp().latentSize()), DIGITS);
                    DigitImages.gridPng(images, DIGITS, 8, 2);
                    if (System.nanoTime() > warmUpEnd) {
                        done.incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double rate = done.get() / (double) seconds;
        System.out.printf(Locale.ROOT, "  %-55s %8.1f grids/s (%d grids)%n", name, rate, done.get());
        return rate;
    }
}
