package dev.digitgan.sampler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.sampler.model.DigitSampler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load and reload figures, printed (run with -Pslow). Correctness is asserted (no failed request, no 5xx,
 * the served version advances); speed is only reported, since this machine is shared.
 * <ul>
 *   <li>HTTP load: 16 concurrent clients for {@code -Dload.seconds} (60) s asking for a 64-digit grid while a
 *       full-size mlp checkpoint is published every 2 s; then the in-process floor (generate + encode with
 *       the same concurrency, no HTTP) and the ratio of the two.</li>
 *   <li>Reload latency: from publishing a checkpoint event to the first response naming that version.</li>
 * </ul>
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class LoadAndReloadBenchmarkTest {

    static final int CONCURRENCY = 16;
    static final int DIGITS = 64;

    @Inject
    DigitSampler sampler;

    @BeforeAll
    static void aModelIsServed() {
        AppUnderTest.awaitAModel();
    }

    @Test
    void loadWhileCheckpointsArrive() throws Exception {
        int seconds = Integer.getInteger("load.seconds", 60);
        String bucket = ConfigProvider.getConfig().getValue("digitgan.s3.bucket", String.class);
        MlpCheckpoints checkpoints = new MlpCheckpoints();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = AppUnderTest.base();
        String runId = "load-" + System.currentTimeMillis() % 100000;

        // warm-up: the JIT and the first PNG encoder calls
        for (int i = 0; i < 20; i++) {
            client.send(HttpRequest.newBuilder(URI.create(base + "/digits/grid.png?n=" + DIGITS + "&seed=" + i))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }

        AtomicInteger published = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        long[][] latencies = new long[CONCURRENCY][];
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);

        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY + 1);
        threads.execute(() -> { // a trainer: a full-size checkpoint every 2 s
            try (TrainerStandIn stack = TrainerStandIn.fromConfig()) {
                long next = System.nanoTime();
                for (int v = 1; System.nanoTime() < end - TimeUnit.SECONDS.toNanos(2); v++) {
                    byte[] bytes = checkpoints.bytes(runId, v);
                    stack.put(ObjectLayout.checkpointKey(runId, v), bytes);
                    stack.announce(MlpCheckpoints.event(bucket, runId, v, bytes));
                    published.incrementAndGet();
                    next += TimeUnit.SECONDS.toNanos(2);
                    Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int t = 0; t < CONCURRENCY; t++) {
            int thread = t;
            threads.execute(() -> {
                long[] mine = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    long seed = ThreadLocalRandom.current().nextLong(1L << 40);
                    HttpRequest request = HttpRequest
                            .newBuilder(URI.create(base + "/digits/grid.png?n=" + DIGITS + "&seed=" + seed))
                            .timeout(Duration.ofSeconds(30)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t0;
                        if (response.statusCode() == 200 && response.body().length > 0) {
                            ok.incrementAndGet();
                            response.headers().firstValue("X-Model-Version").ifPresent(versionsSeen::add);
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = took;
                        } else {
                            failed.incrementAndGet();
                            if (response.statusCode() >= 500) {
                                serverErrors.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                latencies[thread] = Arrays.copyOf(mine, count);
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(seconds + 120L, TimeUnit.SECONDS)).isTrue();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double httpRate = ok.get() / elapsed;
        long runVersions = versionsSeen.stream().filter(v -> v.startsWith(runId + "@")).count();

        double floor = inProcessFloor(Math.min(20, Math.max(5, seconds / 3)));
        System.out.printf(Locale.ROOT,
                "%nLOAD %d clients x %.0f s, %d-digit grid, checkpoint every 2 s (%d published)%n",
                CONCURRENCY, elapsed, DIGITS, published.get());
        System.out.printf(Locale.ROOT, "  requests ok %d, failed %d, 5xx %d, versions served during the run %d%n",
                ok.get(), failed.get(), serverErrors.get(), runVersions);
        System.out.printf(Locale.ROOT,
                "  HTTP      %8.1f req/s   p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n",
                httpRate, pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "  in-process floor (generate + encode, %d threads, no HTTP) %8.1f grids/s%n",
                CONCURRENCY, floor);
        System.out.printf(Locale.ROOT, "  HTTP / floor = %.0f %% (goal >= 80 %%)%n%n", 100 * httpRate / floor);

        assertThat(failed.get()).as("failed requests").isZero();
        assertThat(serverErrors.get()).as("5xx responses").isZero();
        assertThat(runVersions).as("versions of the run served while under load").isGreaterThanOrEqualTo(2);
    }

    /** Generate + PNG-encode through the service's own sampler bean, same concurrency, no HTTP. */
    private double inProcessFloor(int seconds) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicLong done = new AtomicLong();
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warm + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < CONCURRENCY; t++) {
            threads.execute(() -> {
                while (System.nanoTime() < end) {
                    sampler.grid(DIGITS, ThreadLocalRandom.current().nextLong(1L << 40), 8, 2);
                    if (System.nanoTime() > warm) {
                        done.incrementAndGet();
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return done.get() / (double) seconds;
    }

    @Test
    void timeFromCheckpointEventToFirstResponseFromThatVersion() throws Exception {
        int rounds = Integer.getInteger("reload.rounds", 20);
        String bucket = ConfigProvider.getConfig().getValue("digitgan.s3.bucket", String.class);
        MlpCheckpoints checkpoints = new MlpCheckpoints();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String runId = "reload-" + System.currentTimeMillis() % 100000;
        HttpRequest probe = HttpRequest.newBuilder(URI.create(AppUnderTest.base() + "/digits/grid.png?n=1&seed=1"))
                .build();
        long[] millis = new long[rounds];
        try (TrainerStandIn stack = TrainerStandIn.fromConfig()) {
            for (int v = 1; v <= rounds; v++) {
                byte[] bytes = checkpoints.bytes(runId, v);
                stack.put(ObjectLayout.checkpointKey(runId, v), bytes); // stored first, as a trainer does
                String expected = runId + "@" + v;
                long t0 = System.nanoTime();
                stack.announce(MlpCheckpoints.event(bucket, runId, v, bytes));
                AppUnderTest.awaitVersionNamed(client, probe, expected, t0, Duration.ofSeconds(30));
                millis[v - 1] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT,
                "%nRELOAD event -> first response of that version, %d full-size mlp checkpoints (%d KiB each)%n",
                rounds, checkpoints.bytes(runId, 1).length / 1024);
        System.out.printf(Locale.ROOT,
                "  p50 %d ms   p90 %d ms   p99 %d ms   max %d ms   (goal p99 < 500 ms)   all: %s%n%n",
                sorted[(int) Math.ceil(0.5 * rounds) - 1], sorted[(int) Math.ceil(0.9 * rounds) - 1],
                sorted[(int) Math.ceil(0.99 * rounds) - 1], sorted[rounds - 1], Arrays.toString(millis));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
