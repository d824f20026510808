package dev.digitgan.metrics.it;

import static dev.digitgan.metrics.aggregate.Events.conditionalScores;
import static dev.digitgan.metrics.aggregate.Events.loss;
import static dev.digitgan.metrics.aggregate.Events.scored;
import static dev.digitgan.metrics.aggregate.Events.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.events.RunStatus.State;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every PromQL expression of the Grafana dashboard, run against a real Prometheus that scrapes this service
 * (fed through the real broker), returns series for the run. The sampler panels' expressions run against
 * {@link SamplerStandIn}, whose meter names are checked against sampler-service's source here.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class DashboardQueriesTest {

    static final String RUN = "it-dashboard-" + Ids.unique();
    static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
    /** A quality panel's expression: one gauge of the run, nothing computed on it. */
    static final Pattern QUALITY_GAUGE = Pattern.compile("(gan_quality_\\w+)\\{run_id=~\"\\$run_id\"\\}");
    /** A conditional run's checkpoint scores; version 1 is the best, version 2 the newest. */
    static final QualityScores FIRST = conditionalScores(31.5, 5.25, 3.125, 0.625, 500);
    static final QualityScores NEWEST = conditionalScores(42.75, 4.5, 2.875, 0.5625, 500);
    /** A final score of version 2 at another N: the quality gauges must not show it. */
    static final QualityScores FINAL = conditionalScores(12.0, 6.0, 3.25, 0.75, 10_000);
    /** Grafana's range variable; any window holding a few 1 s scrapes will do. */
    static final String RATE_INTERVAL = "1m";

    @TestHTTPResource("/")
    URL app;

    @Test
    void everyDashboardExpressionReturnsSeriesForTheRun() throws Exception {
        Path root = repoRoot();
        JsonNode dashboard =
                new ObjectMapper().readTree(root.resolve("k8s/base/grafana/dashboards/digitgan.json").toFile());
        List<String> expressions = new ArrayList<>();
        collectExpressions(dashboard.path("panels"), expressions);
        assertThat(expressions).as("dashboard expressions").hasSizeGreaterThan(10);
        assertSamplerMeterNamesMatchTheSamplerSource(root, expressions);

        try (TestKafka kafka = TestKafka.fromRunningApplication()) {
            kafka.publish(Topics.LOSS_EVENTS,
                    IntStream.rangeClosed(1, 45).mapToObj(step -> loss(RUN, step, 20)).toList());
            kafka.publish(Topics.CHECKPOINTS, scored(RUN, 1, 20, FIRST), scored(RUN, 2, 40, NEWEST),
                    scored(RUN, 2, 40, FINAL));
            kafka.publish(Topics.RUN_STATUS, status(RUN, State.RUNNING, 1));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Scrape.value("gan_loss_events_total", RUN)).hasValue(45);
            assertThat(Scrape.value("gan_checkpoints_published_total", RUN)).hasValue(2);
            assertThat(Scrape.value("gan_run_total_steps", RUN)).hasValue(200);
            assertThat(Scrape.value("gan_quality_label_accuracy", RUN)).hasValue(NEWEST.labelAccuracy());
        });

        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("metrics-service", app.getHost() + ":" + app.getPort());
        try (SamplerStandIn sampler = new SamplerStandIn(RUN, 2)) {
            jobs.put("sampler-service", sampler.target());
            Path dir = Path.of("target", "prometheus-" + Ids.unique()).toAbsolutePath();
            try (PrometheusServer prometheus = new PrometheusServer(dir, jobs)) {
                // Both targets up, and enough scrapes for rate() over the window.
                // ignoreExceptions: a Prometheus still starting answers "Service Unavailable" in plain text.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .untilAsserted(() -> {
                            JsonNode up = prometheus.query("count_over_time(up[1m]) >= 4 and up == 1").path("result");
                            assertThat(up).as("targets scraped at least 4 times").hasSize(2);
                        });
                checkVariable(prometheus, dashboard);
                List<String> failures = new ArrayList<>();
                for (String expression : expressions) {
                    String promql = expression.replace("$run_id", RUN).replace("$__rate_interval", RATE_INTERVAL);
                    assertThat(promql).as("unknown Grafana variable in %s", expression).doesNotContain("$");
                    String problem = check(prometheus.query(promql), expression.contains("$run_id"));
                    if (problem != null) {
                        failures.add(promql + " -> " + problem);
                    }
                }
                assertThat(failures).as("expressions without proper series for the run").isEmpty();
                checkQualityValues(prometheus, expressions);
            }
        }
    }

    /** null if the result has series (for the run, when the expression is per run) with finite values. */
    private static String check(JsonNode data, boolean perRun) {
        JsonNode result = data.path("result");
        if (!result.isArray() || result.isEmpty()) {
            return "no series";
        }
        for (JsonNode series : result) {
            if (perRun && !RUN.equals(series.path("metric").path("run_id").asText())) {
                return "a series without run_id=" + RUN + ": " + series;
            }
            double value = Double.parseDouble(series.path("value").get(1).asText());
            if (!Double.isFinite(value)) {
                return "non-finite value in " + series;
            }
        }
        return null;
    }

    /**
     * The quality panels show, as Prometheus scraped them, the newest checkpoint's scores at the run's
     * per-checkpoint N (not the final score's), the best Fréchet distance so far, and which version and N that is.
     */
    private static void checkQualityValues(PrometheusServer prometheus, List<String> expressions) throws Exception {
        Map<String, Double> expected = Map.of(
                "gan_quality_frechet_distance", NEWEST.frechetDistance(),
                "gan_quality_best_frechet_distance", FIRST.frechetDistance(),
                "gan_quality_inception_score", NEWEST.inceptionScore(),
                "gan_quality_label_entropy_bits", NEWEST.labelEntropyBits(),
                "gan_quality_label_accuracy", NEWEST.labelAccuracy(),
                "gan_quality_checkpoint_version", 2.0,
                "gan_quality_samples", (double) NEWEST.samples());
        Map<String, Double> shown = new LinkedHashMap<>();
        for (String expression : expressions) {
            Matcher m = QUALITY_GAUGE.matcher(expression);
            if (m.matches()) {
                JsonNode result = prometheus.query(expression.replace("$run_id", RUN)).path("result");
                assertThat(result).as(expression).hasSize(1);
                shown.put(m.group(1), Double.parseDouble(result.get(0).path("value").get(1).asText()));
            }
        }
        assertThat(shown.keySet()).as("quality gauges on the dashboard")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> assertThat(shown.get(name)).as(name).isCloseTo(value, within(1e-9)));
    }

    private static void checkVariable(PrometheusServer prometheus, JsonNode dashboard) throws Exception {
        JsonNode variables = dashboard.path("templating").path("list");
        assertThat(variables).isNotEmpty();
        for (JsonNode variable : variables) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
            assertThat(m.matches()).as("variable %s uses label_values(metric, label)", variable.path("name")).isTrue();
            JsonNode values = prometheus.get("label/" + m.group(2) + "/values?match[]=" + m.group(1));
            assertThat(values).as("values of $%s", variable.path("name").asText())
                    .anySatisfy(v -> assertThat(v.asText()).isEqualTo(RUN));
        }
    }

    private static void collectExpressions(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(target.get("expr").asText());
                }
            }
            collectExpressions(panel.path("panels"), into);
        }
    }

    /**
     * The stand-in must expose what the real sampler registers: fail here if sampler-service's source (any file,
     * so that moving code around does not matter) stops registering those meter names.
     */
    private static void assertSamplerMeterNamesMatchTheSamplerSource(Path root, List<String> expressions)
            throws Exception {
        StringBuilder source = new StringBuilder();
        try (Stream<Path> files = Files.walk(root.resolve("sampler-service/src/main"))) {
            for (Path file : files
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties"))
                    .toList()) {
                source.append(Files.readString(file)).append('\n');
            }
        }
        assertThat(expressions).anyMatch(e -> e.contains("sampler_model_version_info"));
        assertThat(expressions).anyMatch(e -> e.contains("http_server_requests_seconds_bucket"));
        assertThat(source.toString()).as("sampler-service sources")
                .contains("\"sampler.model.version\"", "\"sampler.model.version.info\"", "\"run_id\"", "\"version\"",
                        "\"source\"", "http.server.requests", "percentilesHistogram(true)",
                        "quarkus.micrometer.binder.http-server.enabled=true");
    }

    private static Path repoRoot() {
        String root = System.getProperty("digitgan.repo.root");
        Path path = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        assertThat(path.resolve("k8s/base/grafana/dashboards/digitgan.json")).as("repository root").exists();
        return path;
    }
}
