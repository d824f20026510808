package dev.digitgan.metrics.it;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for sampler-service's /q/metrics, for the dashboard test only: the real sampler needs a trained
 * checkpoint in S3 and ND4J, far too heavy for this test. It registers, through Micrometer's Prometheus
 * registry as the sampler does, the meters the dashboard's sampler panels query, with the sampler's names and
 * tags (DashboardQueriesTest checks those names against sampler-service's source), and records request
 * durations continuously so that rate() and histogram_quantile() have data. What it proves: the dashboard's
 * sampler PromQL is valid and matches those meter names. What it does not: the real sampler's values.
 */
final class SamplerStandIn implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;
    private final ScheduledExecutorService requests = Executors.newSingleThreadScheduledExecutor();

    SamplerStandIn(String runId, long version) throws IOException {
        Gauge.builder("sampler.model.version", () -> version).register(registry);
        MultiGauge.builder("sampler.model.version.info").register(registry).register(List.of(MultiGauge.Row.of(
                Tags.of("run_id", runId, "version", Long.toString(version), "source", "kafka"), 1)), true);
        Timer grid = Timer.builder("http.server.requests")
                .tags("method", "GET", "uri", "/digits/grid.png", "status", "200", "outcome", "SUCCESS")
                .publishPercentileHistogram()
                .register(registry);
        Random random = new Random(1);
        requests.scheduleAtFixedRate(() -> grid.record(Duration.ofMillis(5 + random.nextInt(60))), 0, 20,
                TimeUnit.MILLISECONDS);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        requests.shutdownNow();
        server.stop(0);
        registry.close();
    }
}
