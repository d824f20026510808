package dev.digitgan.packaged.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4 at full size: waves of 200 concurrent largest grids ({@code n=256&scale=8}) against the packaged
 * sampler with the production heap settings (the k8s pod: 2 GiB limit and {@code MaxRAMPercentage=40}, so an
 * 820 MB heap, 2 CPUs, {@code ExitOnOutOfMemoryError}) and the default, derived admission limits, while another
 * client asks for single digits. Prints served / refused / failed, latencies, the other client's latency before and
 * during the storm, and the peak RSS; {@code -Dstorm.waves=} (default 3), {@code -Dstorm.concurrent=} (200) and
 * {@code -Dstorm.in-flight=} (units; default 0, derived).
 */
@Tag("slow")
class AdmissionStormBenchmarkIT {

    static final String LARGEST = "/digits/grid.png?n=256&scale=8";
    static final String CHEAP = "/digits/digit.png?scale=4";
    static final long POD_MEMORY_LIMIT = 2L << 30;

    static PackagedSampler sampler;
    static ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        var stack = StackConfig.from(new LocalStackTestResource().start());
        sampler = PackagedSampler.start("sampler-storm", stack,
                List.of("-Xmx820m", "-XX:ActiveProcessorCount=2", "-XX:+ExitOnOutOfMemoryError"),
                // 0 = the derived default; -Dstorm.in-flight= tries another budget
                Map.of("DIGITGAN_SAMPLER_ADMISSION_IN_FLIGHT", System.getProperty("storm.in-flight", "0")));
        sampler.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        if (sampler != null) {
            sampler.close();
        }
    }

    @Test
    void wavesOfTwoHundredLargestGridsAreBoundedAndCheapRequestsKeepTheirLatency() throws Exception {
        int waves = Integer.getInteger("storm.waves", 3);
        int concurrent = Integer.getInteger("storm.concurrent", 200);
        // The other client alone first: its latency without the storm.
        for (int i = 0; i < 50; i++) {
            Storm.once(sampler, CHEAP); // warm-up
        }
        Storm.SteadyClient idle = new Storm.SteadyClient(sampler, CHEAP, pool);
        Thread.sleep(5_000);
        List<Storm.Outcome> cheapIdle = idle.stop();

        Storm.SteadyClient cheap = new Storm.SteadyClient(sampler, CHEAP, pool);
        List<Storm.Outcome> storm = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < waves; w++) {
            storm.addAll(Storm.wave(sampler, LARGEST, concurrent, pool));
            sampler.requireAlive();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Storm.Outcome> cheapStorm = cheap.stop();
        long peakRss = sampler.peakRssBytes();
        String uptime = Files.readString(Path.of("/proc/loadavg")).trim();

        Predicate<Storm.Outcome> ok = o -> o.status() == 200;
        Predicate<Storm.Outcome> busy = o -> o.status() == 503;
        long served = Storm.count(storm, ok);
        long refused = Storm.count(storm, busy);
        long failed = storm.size() - served - refused;
        System.out.printf("%n=== admission storm: %d waves x %d concurrent %s, %.1f s (loadavg %s) ===%n", waves,
                concurrent, LARGEST, seconds, uptime);
        System.out.printf("served %d, refused %d (503), failed %d%n", served, refused, failed);
        System.out.printf("served latency  p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", Storm.millis(storm, ok, 0.5),
                Storm.millis(storm, ok, 0.99), Storm.millis(storm, ok, 1));
        System.out.printf("refused latency p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", Storm.millis(storm, busy, 0.5),
                Storm.millis(storm, busy, 0.99), Storm.millis(storm, busy, 1));
        System.out.printf("other client %s: alone %d requests p50 %.1f ms p99 %.1f ms; during the storm %d requests "
                + "(%d not 200) p50 %.1f ms p99 %.1f ms max %.1f ms%n", CHEAP, cheapIdle.size(),
                Storm.millis(cheapIdle, o -> true, 0.5), Storm.millis(cheapIdle, o -> true, 0.99), cheapStorm.size(),
                Storm.count(cheapStorm, o -> o.status() != 200), Storm.millis(cheapStorm, o -> true, 0.5),
                Storm.millis(cheapStorm, o -> true, 0.99), Storm.millis(cheapStorm, o -> true, 1));
        System.out.printf("peak RSS %.0f MiB (heap -Xmx820m); %s%n%n", peakRss / 1048576.0,
                sampler.get("/q/metrics").body().lines().filter(l -> l.startsWith("sampler_admission_limit_units"))
                        .toList());

        sampler.requireAlive();
        assertThat(storm).allSatisfy(o -> assertThat(o.servedOrRefusedAsDocumented()).as(o.toString()).isTrue());
        assertThat(served).isPositive();
        // bounded: the longest wait (2 s) plus the renders ahead of a request, never the 20-33 s of an unbounded queue
        assertThat(Storm.millis(storm, ok, 1)).isLessThan(10_000);
        assertThat(Storm.millis(storm, busy, 1)).isLessThan(5_000);
        assertThat(cheapStorm).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
        assertThat(Storm.millis(cheapStorm, o -> true, 0.99)).as("the other client's p99 during the storm")
                .isLessThan(2_000);
        assertThat(peakRss).as("peak RSS within the pod's memory limit").isLessThan(POD_MEMORY_LIMIT);
    }
}
