package dev.digitgan.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Clients of the sampler that keep {@code concurrency} requests in flight, each thread sending its next request as
 * soon as the last one is answered, until {@link #close()}. Counts every answer and every error; {@link #figures()}
 * reads the counts at any moment, so a fault case takes the difference over its own span.
 */
final class SamplerLoad implements AutoCloseable {

    /** Longer than anything a healthy replica takes for a 16-digit grid, even on a busy 2-core machine. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder failed = new LongAdder();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    /** @param request the URI of the i-th request of a thread */
    private SamplerLoad(int concurrency, IntFunction<URI> request) {
        threads = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "sampler-load");
            t.setDaemon(true);
            return t;
        });
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            threads.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    send(request.apply(client * 1_000_000 + i));
                }
            });
        }
    }

    /** {@code concurrency} clients asking {@code sampler} for 16-digit grids, each of another seed. */
    static SamplerLoad onGrids(ServiceProcess sampler, int concurrency) {
        return new SamplerLoad(concurrency, i -> sampler.uri("/digits/grid.png?n=16&seed=" + i));
    }

    private void send(URI uri) {
        String outcome;
        boolean ok;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            outcome = Integer.toString(response.statusCode());
            ok = response.statusCode() / 100 == 2 && response.body().length > 0;
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopped by close(): not an answer of the sampler
        }
        if (!running.get() && !ok) {
            return; // cut off by close()
        }
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if (!ok) {
            failed.increment();
        }
    }

    /** The counts so far. */
    LoadFigures figures() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
        long requests = counts.values().stream().mapToLong(Long::longValue).sum();
        return new LoadFigures(requests, failed.sum(), counts);
    }

    /** Stops sending and waits for the requests in flight. */
    @Override
    public void close() {
        running.set(false);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
