package dev.digitgan.metrics.it;

import static dev.digitgan.metrics.aggregate.Events.checkpoint;
import static dev.digitgan.metrics.aggregate.Events.loss;
import static dev.digitgan.metrics.aggregate.Events.scored;
import static dev.digitgan.metrics.aggregate.Events.scores;
import static dev.digitgan.metrics.aggregate.Events.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.digitgan.metrics.aggregate.Events;
import dev.digitgan.metrics.api.QualityChart;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.RunStatus.State;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events published to the real broker show up on /q/metrics and in the REST API. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class EventsToMetricsTest {

    static final int STEPS_PER_EPOCH = 30;
    /** Unique per test JVM, so that a broker kept from an earlier run cannot change the figures. */
    static final String RUN = "it-metrics-" + Ids.unique();
    /** A run of its own for the stream test, so that its extra steps do not change RUN's figures. */
    static final String STREAM_RUN = "it-stream-" + Ids.unique();
    /** A run whose trainer scores its checkpoints (after an unscored v1 one), with a final 10,000-sample score. */
    static final String SCORED_RUN = "it-scored-" + Ids.unique();
    static final QualityScores SCORE_2 = scores(48.5, 3.75, 3.0625, 500);
    static final QualityScores SCORE_3 = scores(52.25, 4.25, 3.125, 500);
    static final QualityScores FINAL = scores(17.5, 4.5, 3.1875, 10_000);

    static TestKafka kafka;
    static List<LossEvent> published;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void publish() {
        kafka = TestKafka.fromRunningApplication();
        published = IntStream.rangeClosed(1, 2 * STEPS_PER_EPOCH + 5)
                .mapToObj(step -> loss(RUN, step, STEPS_PER_EPOCH)).toList();
        kafka.publish(Topics.LOSS_EVENTS, published);
        kafka.publish(Topics.CHECKPOINTS, checkpoint(RUN, 1, 30), checkpoint(RUN, 2, 60));
        kafka.publish(Topics.RUN_STATUS, status(RUN, State.RUNNING, 5));
        kafka.publish(Topics.LOSS_EVENTS, loss(STREAM_RUN, 1, 34));
        // v1 (unscored), two scored checkpoints, an unscored one; then FINISHED with the final score (10,000 samples)
        // of the last weights, which are checkpoint 4's.
        kafka.publish(Topics.CHECKPOINTS, checkpoint(SCORED_RUN, 1, 30), scored(SCORED_RUN, 2, 60, SCORE_2),
                scored(SCORED_RUN, 3, 90, SCORE_3), checkpoint(SCORED_RUN, 4, 120));
        kafka.publish(Topics.RUN_STATUS, new RunStatus(SchemaVersions.RUN_STATUS, SCORED_RUN, State.FINISHED, "mlp", 4,
                4, 120, 120, 4, "host-a", "finished; " + FINAL.summary(), Events.T0.plusSeconds(60), FINAL));
    }

    /** RestAssured knows the app's port only from the first test on, so the waiting happens here. */
    @BeforeEach
    void aggregated() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Scrape.value("gan_loss_events_total", RUN)).hasValue(published.size());
            assertThat(Scrape.value("gan_loss_events_total", STREAM_RUN)).isPresent();
            assertThat(Scrape.value("gan_checkpoints_published_total", SCORED_RUN)).hasValue(4);
            // The final score is filed under the run's last checkpoint.
            given().get("/runs/" + SCORED_RUN + "/quality").then().statusCode(200)
                    .body("versions[3].scores.size()", equalTo(1));
        });
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void prometheusShowsTheLatestValuesCountsAndTheLastCompletedEpoch() {
        LossEvent last = published.get(published.size() - 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Scrape.value("gan_checkpoints_published_total", RUN)).hasValue(2));
        String metrics = Scrape.text();
        String run = "run_id=\"" + RUN + "\"";
        assertThat(Scrape.value(metrics, "gan_discriminator_loss", run)).hasValue(last.discriminatorLoss());
        assertThat(Scrape.value(metrics, "gan_generator_loss", run)).hasValue(last.generatorLoss());
        assertThat(Scrape.value(metrics, "gan_d_real", run)).hasValue(last.dReal());
        assertThat(Scrape.value(metrics, "gan_d_fake", run)).hasValue(last.dFake());
        assertThat(Scrape.value(metrics, "gan_images_per_second", run)).hasValue(last.imagesPerSecond());
        assertThat(Scrape.value(metrics, "gan_step", run)).hasValue(last.step());
        assertThat(Scrape.value(metrics, "gan_epoch", run)).hasValue(3);
        assertThat(Scrape.value(metrics, "gan_completed_epoch", run)).hasValue(2);
        assertThat(Scrape.value(metrics, "gan_checkpoint_version", run)).hasValue(2);
        assertThat(Scrape.value(metrics, "gan_run_planned_epochs", run)).hasValue(2);
        assertThat(Scrape.value(metrics, "gan_run_total_steps", run)).hasValue(200);

        List<LossEvent> epoch2 = published.subList(STEPS_PER_EPOCH, 2 * STEPS_PER_EPOCH);
        double mean = epoch2.stream().mapToDouble(LossEvent::discriminatorLoss).average().orElseThrow();
        double max = epoch2.stream().mapToDouble(LossEvent::generatorLoss).max().orElseThrow();
        assertThat(Scrape.value(metrics, "gan_epoch_discriminator_loss_mean", run).orElseThrow())
                .isCloseTo(mean, within(1e-9));
        assertThat(Scrape.value(metrics, "gan_epoch_generator_loss_max", run)).hasValue(max);
        double movingAverage = published
                .subList(published.size() - 100 > 0 ? published.size() - 100 : 0, published.size())
                .stream().mapToDouble(LossEvent::discriminatorLoss).average().orElseThrow();
        assertThat(Scrape.value(metrics, "gan_discriminator_loss_moving_average", run).orElseThrow())
                .isCloseTo(movingAverage, within(1e-9));
        // Nothing labelled per step: every gan_ series of this run carries run_id and no other label.
        assertThat(metrics.lines().filter(l -> l.startsWith("gan_") && l.contains(run)))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("gan_[a-z_]+\\{run_id=\"" + RUN + "\"\\} \\S+"));
    }

    @Test
    void prometheusShowsTheNewestScoredCheckpointAtTheRunsPerCheckpointN() {
        String metrics = Scrape.text();
        String run = "run_id=\"" + SCORED_RUN + "\"";
        assertThat(Scrape.value(metrics, "gan_checkpoint_version", run)).hasValue(4);
        assertThat(Scrape.value(metrics, "gan_quality_checkpoint_version", run)).as("4 is unscored at N = 500")
                .hasValue(3);
        assertThat(Scrape.value(metrics, "gan_quality_samples", run)).hasValue(500);
        assertThat(Scrape.value(metrics, "gan_quality_frechet_distance", run)).hasValue(SCORE_3.frechetDistance());
        assertThat(Scrape.value(metrics, "gan_quality_inception_score", run)).hasValue(SCORE_3.inceptionScore());
        assertThat(Scrape.value(metrics, "gan_quality_label_entropy_bits", run)).hasValue(SCORE_3.labelEntropyBits());
        assertThat(Scrape.value(metrics, "gan_quality_best_frechet_distance", run)).hasValue(SCORE_2.frechetDistance());
        assertThat(Scrape.value(metrics, "gan_quality_label_accuracy", run)).as("an unconditional run").isEmpty();
        assertThat(Scrape.value(metrics, "gan_quality_final_frechet_distance", run)).hasValue(FINAL.frechetDistance());
        assertThat(Scrape.value(metrics, "gan_quality_final_inception_score", run)).hasValue(FINAL.inceptionScore());
        assertThat(Scrape.value(metrics, "gan_quality_final_label_entropy_bits", run))
                .hasValue(FINAL.labelEntropyBits());
        assertThat(Scrape.value(metrics, "gan_quality_final_samples", run)).hasValue(10_000);
        // A run whose checkpoints are all unscored (schema v1) has no quality series at all.
        assertThat(metrics.lines().filter(l -> l.startsWith("gan_quality_") && l.contains("\"" + RUN + "\"")))
                .isEmpty();
    }

    @Test
    void servesEveryCheckpointWithItsScoresAndTheRunsNewestAndBest() {
        JsonPath quality = given().get("/runs/" + SCORED_RUN + "/quality").then().statusCode(200).extract().jsonPath();
        assertThat(quality.getInt("checkpoints")).isEqualTo(4);
        assertThat(quality.getInt("scoredCheckpoints")).isEqualTo(3);
        assertThat(quality.getInt("series.samples")).isEqualTo(500);
        assertThat(quality.getString("series.evaluator")).isEqualTo(SCORE_3.evaluator());
        assertThat(quality.getInt("latest.version")).isEqualTo(3);
        assertThat(quality.getInt("latest.step")).isEqualTo(90);
        assertThat(quality.getDouble("latest.scores.frechetDistance")).isEqualTo(SCORE_3.frechetDistance());
        assertThat(quality.getInt("best.version")).isEqualTo(2);
        assertThat(quality.getList("versions.version", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(quality.getList("versions[0].scores")).as("v1: unscored").isEmpty();
        assertThat(quality.getDouble("versions[1].scores[0].inceptionScore")).isEqualTo(SCORE_2.inceptionScore());
        assertThat(quality.getString("versions[1].scores[0].labelAccuracy")).isNull();
        assertThat(quality.getList("versions[3].scores.samples", Integer.class)).as("the final score")
                .containsExactly(10_000);
        assertThat(quality.getDouble("versions[3].scores[0].frechetDistance")).isEqualTo(FINAL.frechetDistance());
        assertThat(quality.getInt("finalScore.version")).isEqualTo(4);
        assertThat(quality.getInt("finalScore.scores.samples")).isEqualTo(10_000);
        assertThat(quality.getDouble("finalScore.scores.frechetDistance")).isEqualTo(FINAL.frechetDistance());

        JsonPath summary = given().get("/runs/" + SCORED_RUN).then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("scoredCheckpoints")).isEqualTo(3);
        assertThat(summary.getInt("quality.version")).isEqualTo(3);
        JsonPath unscored = given().get("/runs/" + RUN + "/quality").then().statusCode(200).extract().jsonPath();
        assertThat(unscored.getInt("checkpoints")).isEqualTo(2);
        assertThat(unscored.getInt("scoredCheckpoints")).isZero();
        assertThat(unscored.getString("latest")).isNull();
        assertThat(unscored.getString("finalScore")).as("a run that has not finished").isNull();
    }

    @Test
    void drawsTheQualityChartWithCurvesOnlyWhenTheRunIsScored() throws Exception {
        BufferedImage scored = png("/runs/" + SCORED_RUN + "/quality.png", 640, 420);
        BufferedImage unscored = png("/runs/" + RUN + "/quality.png", 640, 420);
        for (BufferedImage image : List.of(scored, unscored)) {
            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(420);
        }
        // The Fréchet curve's colour: the legend swatch alone in the unscored chart, a curve in the scored one.
        long withScores = pixels(scored, QualityChart.FRECHET);
        long without = pixels(unscored, QualityChart.FRECHET);
        assertThat(withScores).isGreaterThan(without + 200);
        assertThat(pixels(scored, QualityChart.OTHER_N)).as("the final score's point").isGreaterThan(0);
    }

    @Test
    void listsTheRunWithItsLatestValues() {
        JsonPath runs = given().get("/runs").then().statusCode(200).extract().jsonPath();
        assertThat(runs.getList("runId")).contains(RUN);
        given().get("/runs/" + RUN).then().statusCode(200)
                .body("lossEvents", equalTo(published.size()))
                .body("step", equalTo(published.size()))
                .body("completedEpoch", equalTo(2))
                .body("state", equalTo("RUNNING"));
    }

    @Test
    void servesTheLossHistoryDownsampledWhenAsked() {
        JsonPath full = given().get("/runs/" + RUN + "/losses").then().statusCode(200).extract().jsonPath();
        assertThat(full.getList("points")).hasSize(published.size());
        assertThat(full.getDouble("points[4].discriminatorLoss")).isEqualTo(published.get(4).discriminatorLoss());

        JsonPath few = given().queryParam("maxPoints", 10).get("/runs/" + RUN + "/losses")
                .then().statusCode(200).extract().jsonPath();
        List<Integer> counts = few.getList("points.count", Integer.class);
        assertThat(counts).hasSizeLessThanOrEqualTo(10);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(published.size());
        double dMax = published.stream().mapToDouble(LossEvent::discriminatorLoss).max().orElseThrow();
        assertThat(few.getList("points.discriminatorLossMax", Double.class)).contains(dMax);
    }

    @Test
    void servesPerEpochStatistics() {
        JsonPath epochs = given().get("/runs/" + RUN + "/epochs").then().statusCode(200).extract().jsonPath();
        assertThat(epochs.getList("epoch", Integer.class)).containsExactly(1, 2, 3);
        assertThat(epochs.getList("complete", Boolean.class)).containsExactly(true, true, false);
        assertThat(epochs.getList("steps", Integer.class)).containsExactly(STEPS_PER_EPOCH, STEPS_PER_EPOCH, 5);
        double min = published.subList(0, STEPS_PER_EPOCH).stream()
                .mapToDouble(LossEvent::discriminatorLoss)
                .min()
                .orElseThrow();
        assertThat(epochs.getDouble("[0].discriminatorLoss.min")).isEqualTo(min);
    }

    @Test
    void drawsTheLossChartAsAPng() throws Exception {
        byte[] png = given().queryParam("width", 400).queryParam("height", 300).get("/runs/" + RUN + "/losses.png")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    private static BufferedImage png(String path, int width, int height) throws Exception {
        byte[] png = given().queryParam("width", width).queryParam("height", height).get(path)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG from " + path).isNotNull();
        return image;
    }

    private static long pixels(BufferedImage image, Color color) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void documentsItsApiAndReportsKafkaHealth() {
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/runs/{runId}/losses:", "/runs/{runId}/losses.png:", "/runs/{runId}/epochs:",
                "/runs/{runId}/stream:", "/runs/{runId}/quality:", "/runs/{runId}/quality.png:", "maxPoints");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItem("Kafka connection health check"));
    }

    @Test
    void answersBadParametersWith400AndUnknownRunsWith404() {
        given().queryParam("maxPoints", 0).get("/runs/" + RUN + "/losses")
                .then().statusCode(400).body("message", containsString("maxPoints must be between 1 and 10000, was 0"));
        given().queryParam("maxPoints", "lots").get("/runs/" + RUN + "/losses")
                .then().statusCode(400).body("message", containsString("maxPoints must be an integer"));
        given().queryParam("width", 50).get("/runs/" + RUN + "/losses.png")
                .then().statusCode(400).body("message", containsString("width must be between"));
        given().queryParam("height", "tall").get("/runs/" + RUN + "/quality.png")
                .then().statusCode(400).body("message", containsString("height must be an integer"));
        given().get("/runs/Not_A_Run/epochs").then().statusCode(400).body("message", containsString("invalid run id"));
        for (String path : List.of("", "/losses", "/losses.png", "/epochs", "/stream", "/quality", "/quality.png")) {
            given().get("/runs/never-seen" + path).then().statusCode(404)
                    .body("message", containsString("no events seen for run 'never-seen'"));
        }
    }

    @Test
    void streamsNewStepsAsServerSentEvents() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "runs/" + STREAM_RUN + "/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while (data.size() < 3 && (line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        data.add(line.substring(5).strip());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // When the subscription becomes live after the headers is not observable, so keep publishing new steps
        // until three have come through the stream.
        AtomicLong step = new AtomicLong(1000);
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .pollInSameThread().until(() -> {
                    if (reader.isDone()) {
                        return true;
                    }
                    kafka.publish(Topics.LOSS_EVENTS, loss(STREAM_RUN, step.incrementAndGet(), 34, 0.25, 3.5));
                    return false;
                });
        reader.get(1, TimeUnit.SECONDS);
        assertThat(data).hasSize(3);
        long previous = 0;
        for (String json : data) {
            JsonPath point = JsonPath.from(json);
            assertThat(point.getLong("step")).isBetween(1001L, step.get()).isGreaterThan(previous);
            previous = point.getLong("step");
            assertThat(point.getLong("count")).isEqualTo(1);
            assertThat(point.getDouble("discriminatorLoss")).isEqualTo(0.25);
            assertThat(point.getDouble("generatorLoss")).isEqualTo(3.5);
        }
        response.body().close();
    }
}
