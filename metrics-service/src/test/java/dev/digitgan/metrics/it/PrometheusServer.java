package dev.digitgan.metrics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.stack.ChildProcess;
import dev.digitgan.stack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus (the Debian package's binary) as a child process, scraping the given targets every second,
 * with its configuration and data under {@code target/}. Queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    static final String BINARY = System.getenv().getOrDefault("PROMETHEUS_BIN", "prometheus");

    private final ChildProcess process;
    private final URI api;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** @param jobs job name → host:port of a target serving /q/metrics */
    PrometheusServer(Path dir, Map<String, String> jobs) throws IOException {
        Files.createDirectories(dir);
        StringBuilder config =
                new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        jobs.forEach((job, target) -> config.append("  - job_name: ").append(job).append('\n')
                .append("    metrics_path: /q/metrics\n")
                .append("    static_configs:\n      - targets: [\"").append(target).append("\"]\n"));
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = Ports.free();
        api = URI.create("http://" + Ports.HOST + ":" + port + "/api/v1/");
        try {
            process = ChildProcess.start("prometheus", List.of(BINARY, "--config.file=" + file,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=" + Ports.HOST + ":" + port,
                    "--log.level=warn"), Map.of(), dir, dir.resolve("prometheus.log"), Duration.ofSeconds(10));
        } catch (UncheckedIOException e) {
            throw new IOException("cannot start '" + BINARY + "': install Debian's prometheus package "
                    + "(scripts/setup-test-deps.sh) or set PROMETHEUS_BIN", e);
        }
    }

    /** Runs an instant query; returns the {@code data} node, failing on an API error. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        process.requireAlive();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + pathAndQuery
                    + ": " + response.body());
        }
        return body.get("data");
    }

    @Override
    public void close() {
        process.close();
    }
}
