package dev.digitgan.packaged.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.sampler.grpc.v1.GridRequest;
import dev.digitgan.sampler.grpc.v1.SamplerGrpc;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.StackConfig;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4, the fast version, on the packaged sampler with a small budget: two largest grids in flight and
 * one queued. 40 concurrent largest grids get 200 or, at once, the documented 503; cheap requests from another client
 * are all served meanwhile; gRPC refuses the same way with RESOURCE_EXHAUSTED. The full-size storm with production
 * heap settings is {@link AdmissionStormBenchmarkIT} ({@code -Pslow}).
 */
class AdmissionIT {

    static final String LARGEST = "/digits/grid.png?n=256&scale=8";
    static final Duration MAX_WAIT = Duration.ofSeconds(3);

    static PackagedSampler sampler;
    static ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        var stack = StackConfig.from(new LocalStackTestResource().start());
        // 16,640 units per largest grid: 40,000 in flight less a 10 % reserve leaves room for two; one may queue.
        sampler = PackagedSampler.start("sampler-admission", stack, List.of("-Xmx512m"), Map.of(
                "DIGITGAN_SAMPLER_WORKERS", "1",
                "DIGITGAN_SAMPLER_ADMISSION_IN_FLIGHT", "40000",
                "DIGITGAN_SAMPLER_ADMISSION_QUEUED", "16640",
                "DIGITGAN_SAMPLER_ADMISSION_CHEAP_COST", "20",
                "DIGITGAN_SAMPLER_ADMISSION_MAX_WAIT", MAX_WAIT.toMillis() + "ms",
                "DIGITGAN_SAMPLER_ADMISSION_RETRY_AFTER", "2s"));
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
    void fortyConcurrentLargestGridsAreServedOrRefusedAtOnceWhileCheapRequestsAreServed() throws Exception {
        Storm.SteadyClient cheap = new Storm.SteadyClient(sampler, "/digits/digit.png?scale=1", pool);
        List<Storm.Outcome> storm = Storm.wave(sampler, LARGEST, 40, pool);
        List<Storm.Outcome> cheapOutcomes = cheap.stop();
        sampler.requireAlive();

        long served = Storm.count(storm, o -> o.status() == 200);
        long refused = Storm.count(storm, o -> o.status() == 503);
        System.out.printf("40 largest grids: %d served (max %.0f ms), %d refused (max %.0f ms); cheap: %d, "
                + "p99 %.0f ms%n",
                served, Storm.millis(storm, o -> o.status() == 200, 1), refused,
                Storm.millis(storm, o -> o.status() == 503, 1), cheapOutcomes.size(),
                Storm.millis(cheapOutcomes, o -> true, 0.99));
        assertThat(storm).allSatisfy(o -> assertThat(o.servedOrRefusedAsDocumented()).as(o.toString()).isTrue());
        assertThat(storm).filteredOn(o -> o.status() == 503)
                .allSatisfy(o -> assertThat(o.retryAfter()).isEqualTo("2"));
        assertThat(served).as("served").isGreaterThanOrEqualTo(2);
        // 2 run, 1 waits: the rest arrive before the first render ends and are refused
        assertThat(refused).as("refused").isGreaterThanOrEqualTo(20);
        // a refusal beyond the queue is immediate, one after waiting takes the longest wait: never longer than that
        assertThat(Storm.millis(storm, o -> o.status() == 503, 1)).isLessThan(MAX_WAIT.toMillis() + 2000);
        assertThat(cheapOutcomes).isNotEmpty().allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));

        String metrics = sampler.get("/q/metrics").body();
        assertThat(metrics).containsPattern("sampler_admission_total\\{result=\"refused\"[^}]*} " + refused + "\\.0")
                .contains("sampler_admission_limit_units{limit=\"in_flight\"} 40000.0");
    }

    @Test
    void grpcRefusesTheSameWayWithResourceExhausted() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", sampler.port()).usePlaintext().build();
        try {
            SamplerGrpc.SamplerBlockingStub stub = SamplerGrpc.newBlockingStub(channel);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Status.Code>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        stub.withDeadlineAfter(60, TimeUnit.SECONDS)
                                .grid(GridRequest.newBuilder().setN(256).setScale(8).build());
                        return Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                        if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                            assertThat(e.getStatus().getDescription()).contains("busy").contains("retry after 2 s");
                        }
                        return e.getStatus().getCode();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            Thread.sleep(200);
            go.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (CompletableFuture<Status.Code> call : calls) {
                codes.add(call.get(2, TimeUnit.MINUTES));
            }
            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.RESOURCE_EXHAUSTED)
                    .contains(Status.Code.OK, Status.Code.RESOURCE_EXHAUSTED);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
