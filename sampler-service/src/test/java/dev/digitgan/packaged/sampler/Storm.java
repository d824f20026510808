package dev.digitgan.packaged.sampler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** Concurrent requests against a packaged sampler, and what came back. */
final class Storm {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer (or none).
     *
     * @param status     HTTP status, 0 when the request failed without one
     * @param nanos      time to the whole response
     * @param retryAfter the Retry-After header, or null
     * @param error      the JSON error body's fields as {@code code/type/message}, or the exception, or null
     */
    record Outcome(int status, long nanos, String retryAfter, JsonNode error, String failure) {

        /** 200, or the documented refusal: 503, Retry-After, the JSON error shape saying the replica is busy. */
        boolean servedOrRefusedAsDocumented() {
            if (status == 200) {
                return true;
            }
            return status == 503 && retryAfter != null && retryAfter.matches("\\d+") && error != null
                    && error.path("code").asInt() == 503 && "Service Unavailable".equals(error.path("type").asText())
                    && error.path("message").asText().contains("busy");
        }
    }

    private Storm() {
    }

    /** {@code concurrent} requests of {@code path} released at the same moment; waits for all answers. */
    static List<Outcome> wave(PackagedSampler sampler, String path, int concurrent, ExecutorService pool)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return once(sampler, path);
            }, pool));
        }
        Thread.sleep(200); // let every thread reach the latch
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> call : calls) {
            outcomes.add(call.get(5, TimeUnit.MINUTES));
        }
        return outcomes;
    }

    static Outcome once(PackagedSampler sampler, String path) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = sampler.getBytes(path);
            long took = System.nanoTime() - t0;
            JsonNode error = r.statusCode() == 200 ? null : JSON.readTree(r.body());
            return new Outcome(r.statusCode(), took, r.headers().firstValue("Retry-After").orElse(null), error, null);
        } catch (Exception e) {
            return new Outcome(0, System.nanoTime() - t0, null, null, e.toString());
        }
    }

    /** Requests {@code path} one after another on its own thread until {@link #stop()}; the other client. */
    static final class SteadyClient {

        private final List<Outcome> outcomes = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CompletableFuture<Void> done;

        SteadyClient(PackagedSampler sampler, String path, ExecutorService pool) {
            done = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    Outcome o = once(sampler, path);
                    synchronized (outcomes) {
                        outcomes.add(o);
                    }
                }
            }, pool);
        }

        List<Outcome> stop() throws Exception {
            running.set(false);
            done.get(1, TimeUnit.MINUTES);
            synchronized (outcomes) {
                return List.copyOf(outcomes);
            }
        }
    }

    static long count(List<Outcome> outcomes, Predicate<Outcome> which) {
        return outcomes.stream().filter(which).count();
    }

    /** The q-quantile (0..1) of the latencies of these outcomes, in milliseconds; NaN when there are none. */
    static double millis(List<Outcome> outcomes, Predicate<Outcome> which, double q) {
        long[] nanos = outcomes.stream().filter(which).mapToLong(Outcome::nanos).sorted().toArray();
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(nanos.length - 1, Math.ceil(q * nanos.length) - 1);
        return nanos[Math.max(0, index)] / 1e6;
    }
}
