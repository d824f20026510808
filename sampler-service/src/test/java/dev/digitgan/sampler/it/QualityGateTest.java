package dev.digitgan.sampler.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.checkpoint.GeneratorCheckpoint;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.TrainingListener;
import dev.digitgan.model.train.TrainingLoop;
import dev.digitgan.model.train.TrainingOptions;
import dev.digitgan.sampler.grpc.v1.ListModelsReply;
import dev.digitgan.sampler.grpc.v1.ListModelsRequest;
import dev.digitgan.sampler.grpc.v1.ModelVersion;
import dev.digitgan.sampler.grpc.v1.SamplerGrpc;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.sampler.model.ShippedModel;
import dev.digitgan.sampler.tools.GeneratorOnlyCheckpoint;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code best} policy against the real Kafka and S3, with real generators scored by the real evaluator as the
 * trainer scores them: the shipped generator (a conditional DCGAN) as the good model, an untrained one as the bad.
 * The scores travel in schema-v2 checkpoint events; unscored v2 events and v1 events (no {@code quality} field at
 * all) are read too. The app's other tests run under {@code latest}; this class switches to {@code best} and back.
 */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class QualityGateTest {

    private static TrainerStandIn stack;
    private static QualityEvaluator evaluator;
    private static MultiLayerNetwork trained;
    /** The shipped model's spec (a conditional DCGAN); the untrained generators here are {@code mlp}s. */
    private static GanSpec trainedSpec;
    private final EventCodec codec = new EventCodec();

    @BeforeAll
    static void connect() throws Exception {
        stack = TrainerStandIn.fromConfig();
        evaluator = QualityEvaluator.shipped();
        try (InputStream in = QualityGateTest.class.getClassLoader()
                .getResourceAsStream("shipped-model/" + ShippedModel.FILE)) {
            assertThat(in).as("the shipped model").isNotNull();
            GeneratorCheckpoint shipped =
                    CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(in.readAllBytes()));
            trained = shipped.generator();
            trainedSpec = shipped.manifest().spec();
        }
        AppUnderTest.awaitAModel();
    }

    @AfterAll
    static void disconnect() {
        stack.close();
    }

    @AfterEach
    void backToLatest() {
        VersionPolicyApiTest.put("{\"mode\":\"latest\"}").then().statusCode(200);
    }

    /** The evaluator's scores of {@code generator}, exactly as the trainer scores a checkpoint. */
    private static QualityScores score(MultiLayerNetwork generator) {
        return evaluator.score(Generator.of(generator, specOf(generator)), EvaluationProtocol.CHECKPOINT_SAMPLES);
    }

    private static GanSpec specOf(MultiLayerNetwork generator) {
        return generator == trained ? trainedSpec : Presets.mlp();
    }

    /** Stores {@code generator} as checkpoint {@code run@version} in S3, then announces it (scored or not). */
    private CheckpointEvent publish(String run, long version, MultiLayerNetwork generator, QualityScores quality)
            throws Exception {
        CheckpointManifest manifest = CheckpointManifest.of(run, version, specOf(generator), (int) version,
                version * 234,
                Instant.now(), new CheckpointManifest.Losses(1.3, 0.8, 0.5, 0.5)).withQuality(quality);
        byte[] bytes = GeneratorOnlyCheckpoint.write(manifest, generator);
        stack.put(ObjectLayout.checkpointKey(run, version), bytes);
        CheckpointEvent event = new CheckpointEvent(SchemaVersions.CHECKPOINT_EVENT, run, version,
                ObjectLayout.DEFAULT_BUCKET, ObjectLayout.checkpointKey(run, version), bytes.length,
                ModelLoader.sha256(bytes), specOf(generator), (int) version, version * 234, 1.3, 0.8,
                ObjectLayout.gridKey(run, version), manifest.createdAt(), quality);
        return stack.announce(event);
    }

    /** A JSON answer, numbers read as doubles (RestAssured reads them as floats by default, losing digits). */
    private static JsonPath get(String path) {
        return new JsonPath(given().get(path).then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static JsonPath policy() {
        return get("/models/policy");
    }

    private static Double listedFd(String version) {
        return get("/models").getDouble("versions.find { it.model.modelVersion == '" + version
                + "' }.model.quality.frechetDistance");
    }

    private static void awaitListed(String version) {
        await().atMost(Duration.ofSeconds(60)).until(() -> CheckpointReloadTest.models()
                .getList("versions.model.modelVersion").contains(version));
    }

    /** The served model stays {@code version} for a few seconds (the event was read; no reload follows). */
    private static void staysServed(String version) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> version.equals(CheckpointReloadTest.servedVersion()));
    }

    @Test
    void aBadCheckpointPublishedAfterAGoodOneIsNotPromotedUnderBestButIsUnderLatest() throws Exception {
        QualityScores good = score(trained);
        MultiLayerNetwork untrained = GanNetworks.create(Presets.mlp().withSeed(4)).generator(); // noise
        QualityScores bad = score(untrained);
        assertThat(bad.frechetDistance()).as("the untrained generator is far worse")
                .isGreaterThan(good.frechetDistance() + 10);

        publish("gate", 1, trained, good);
        awaitListed("gate@1");
        VersionPolicyApiTest.put("{\"mode\":\"pinned\",\"version\":\"gate@1\"}").then().statusCode(200);
        // gate@1 is the shipped generator: the shipped model is no better than it, so best keeps gate@1
        JsonPath best = VersionPolicyApiTest.put("{\"mode\":\"best\"}").then().statusCode(200).extract().jsonPath();
        assertThat(best.getString("serving")).isEqualTo("gate@1");
        assertThat(best.getString("reason")).startsWith("best: keeping gate@1 (FD ");

        publish("gate", 2, untrained, bad);
        awaitListed("gate@2");
        assertThat(listedFd("gate@2")).isEqualTo(bad.frechetDistance());
        staysServed("gate@1");
        assertThat(policy().getString("reason")).startsWith("best: keeping gate@1");

        JsonPath latest = VersionPolicyApiTest.put("{\"mode\":\"latest\"}").then().statusCode(200).extract().jsonPath();
        assertThat(latest.getString("serving")).isEqualTo("gate@2");
        assertThat(CheckpointReloadTest.servedVersion()).isEqualTo("gate@2");

        // back to best: the bad model gives way to the best one seen (gate@1, or the shipped model it equals)
        JsonPath again = VersionPolicyApiTest.put("{\"mode\":\"best\"}").then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("serving")).isNotEqualTo("gate@2");
        assertThat(again.getString("reason")).endsWith(" replaces gate@2");
        assertThat(get("/models/current")
                .getDouble("quality.frechetDistance")).isCloseTo(good.frechetDistance(), within(1e-3));
    }

    @Test
    void anUnscoredEventAndASchemaV1EventNeverReplaceAScoredModelButAreRead() throws Exception {
        JsonPath best = VersionPolicyApiTest.put("{\"mode\":\"best\"}").then().statusCode(200).extract().jsonPath();
        String scored = best.getString("serving");
        assertThat(get("/models/current")
                .getObject("quality", Object.class)).as("best serves a scored model").isNotNull();

        publish("unscored", 1, trained, null);
        // v1: what a trainer from before scoring wrote (no quality field at all)
        byte[] bytes = GeneratorOnlyCheckpoint.write(CheckpointManifest.of("legacy", 1, trainedSpec, 1, 234,
                Instant.now(), null), trained);
        stack.put(ObjectLayout.checkpointKey("legacy", 1), bytes);
        CheckpointEvent v1 = new CheckpointEvent(Event.SCHEMA_VERSION, "legacy", 1, ObjectLayout.DEFAULT_BUCKET,
                ObjectLayout.checkpointKey("legacy", 1), bytes.length, ModelLoader.sha256(bytes), trainedSpec, 1, 234,
                1.3, 0.8, ObjectLayout.gridKey("legacy", 1), Instant.now());
        ObjectNode document = (ObjectNode) codec.mapper().readTree(codec.encode(v1));
        document.remove("quality");
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(1);
        stack.sendRaw("legacy", codec.mapper().writeValueAsBytes(document));

        awaitListed("unscored@1");
        awaitListed("legacy@1");
        JsonPath models = CheckpointReloadTest.models();
        assertThat(models.getMap("versions.find { it.model.modelVersion == 'legacy@1' }.model"))
                .containsEntry("quality", null).containsEntry("step", 234);
        assertThat(models.getMap("versions.find { it.model.modelVersion == 'unscored@1' }.model"))
                .containsEntry("quality", null);
        staysServed(scored);
        assertThat(policy().getString("reason")).contains("unscored");

        // the v1 checkpoint is loadable: latest serves it
        VersionPolicyApiTest.put("{\"mode\":\"latest\"}").then().statusCode(200).body("serving",
                org.hamcrest.Matchers.equalTo("legacy@1"));
    }

    @Test
    void listModelsOverGrpcCarriesEachVersionsScoresAndThePolicysReason() throws Exception {
        QualityScores good = score(trained);
        publish("grpc-scored", 1, trained, good);
        awaitListed("grpc-scored@1");
        VersionPolicyApiTest.put("{\"mode\":\"best\"}").then().statusCode(200);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", AppUnderTest.port()).usePlaintext()
                .build();
        try {
            ListModelsReply reply = SamplerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .listModels(ListModelsRequest.getDefaultInstance());
            assertThat(reply.getPolicyMode()).isEqualTo("best");
            assertThat(reply.getPolicyReason()).startsWith("best: ");
            ModelVersion version = reply.getVersionsList().stream()
                    .filter(v -> v.getModelVersion().equals("grpc-scored@1")).findFirst().orElseThrow();
            assertThat(version.hasQuality()).isTrue();
            assertThat(version.getQuality().getFrechetDistance()).isEqualTo(good.frechetDistance());
            assertThat(version.getQuality().getInceptionScore()).isEqualTo(good.inceptionScore());
            assertThat(version.getQuality().getSamples()).isEqualTo(EvaluationProtocol.CHECKPOINT_SAMPLES);
            assertThat(version.getQuality().getEvaluator()).isEqualTo(evaluator.id());
            // the shipped generator is conditional: its score carries a label accuracy
            assertThat(version.getQuality().hasLabelAccuracy()).isTrue();
            assertThat(version.getQuality().getLabelAccuracy()).isEqualTo(good.labelAccuracy());
            ModelVersion catchUp = reply.getVersionsList().stream()
                    .filter(v -> v.getModelVersion().equals("catch-up@1")).findFirst().orElseThrow();
            assertThat(catchUp.hasQuality()).as("an unscored version has no quality").isFalse();
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theWebPageShowsTheServedModelsScoresAndWhyItWasChosen() throws Exception {
        Assumptions.assumeTrue(WebDriverSession.available() || System.getenv("CI") != null,
                "chromium and chromedriver are not installed (scripts/setup-test-deps.sh installs them)");
        JsonPath best = VersionPolicyApiTest.put("{\"mode\":\"best\"}").then().statusCode(200).extract().jsonPath();
        JsonPath current = get("/models/current");
        assertThat(current.getString("modelVersion")).isEqualTo(best.getString("serving"));
        double fd = current.getDouble("quality.frechetDistance");
        Path work = Files.createDirectories(Path.of("target", "web-page-test"));
        try (WebDriverSession browser = new WebDriverSession(Files.createTempDirectory(work, "chromium-profile-"))) {
            browser.open(AppUnderTest.base() + "/");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> browser.script(
                    "return document.getElementById('model-reason').textContent;").asText().startsWith("best: "));
            String quality = browser.script("return document.getElementById('model-quality').textContent;").asText();
            assertThat(quality).startsWith("Fréchet distance " + figure(fd) + " · Inception Score ")
                    .contains("N " + EvaluationProtocol.CHECKPOINT_SAMPLES + ", evaluator " + evaluator.id());
            assertThat(browser.script("return document.getElementById('model-reason').textContent;").asText())
                    .isEqualTo(policy().getString("reason"));
            assertThat(browser.script("return document.getElementById('model-version').textContent;").asText())
                    .startsWith(best.getString("serving"));
            Files.write(Path.of("target", "web-page-best.png"), browser.screenshot());
        }
    }

    /**
     * What {@code ./digitgan up} does after it starts the sampler: a short training run whose checkpoints are all
     * worse than the shipped model. Trained here by the project's training loop on real MNIST, every checkpoint
     * scored by the real evaluator as the trainer scores it, each stored in S3 as a full checkpoint and announced on
     * Kafka as the trainer announces it; under {@code best} the sampler must never end on (or pass through) a
     * model that scores worse than the shipped one.
     */
    @Test
    void aShortRunThatScoresWorseThanTheShippedModelNeverReplacesItUnderBest() throws Exception {
        Path mnist = Path.of(System.getProperty("mnist.dir", "../data/mnist"));
        assertThat(mnist.resolve("train-images-idx3-ubyte")).as("MNIST, which this test trains on (run"
                + " scripts/fetch-mnist.sh; ./digitgan test does)").exists();
        MnistDataset data = MnistDataset.load(mnist, MnistSplit.TRAIN).first(1024);
        double shippedFd = get("/models")
                .getDouble("versions.find { it.model.source == 'shipped' }.model.quality.frechetDistance");
        VersionPolicyApiTest.put("{\"mode\":\"best\"}").then().statusCode(200);

        List<CheckpointEvent> published = new ArrayList<>();
        TrainingOptions options = TrainingOptions.of("short-run", 3)
                .scored(EvaluationProtocol.CHECKPOINT_SAMPLES, 0);
        new TrainingLoop(options, Clock.systemUTC(), evaluator::score).train(Presets.mlp(), data,
                new TrainingListener() {
                    @Override
                    public void onCheckpoint(Checkpoint checkpoint) {
                        published.add(announce(checkpoint));
                        assertServedScoresNoWorseThan(shippedFd);
                    }
                });

        assertThat(published).hasSize(3).allSatisfy(e -> assertThat(e.quality()).isNotNull());
        assertThat(published).as("the run is worse than the shipped model, or this test shows nothing")
                .allSatisfy(e -> assertThat(e.quality().frechetDistance()).isGreaterThan(shippedFd * 1.1));
        for (CheckpointEvent event : published) {
            awaitListed(event.modelVersion());
            assertThat(listedFd(event.modelVersion())).isEqualTo(event.quality().frechetDistance());
        }
        staysServed(get("/models/current").getString("modelVersion"));
        assertServedScoresNoWorseThan(shippedFd);
    }

    /** Stores a full checkpoint in S3, then announces it with its manifest's scores (as RunPublisher does). */
    private CheckpointEvent announce(Checkpoint checkpoint) {
        try {
            CheckpointManifest m = checkpoint.manifest();
            byte[] bytes = CheckpointFormat.toBytes(checkpoint);
            stack.put(ObjectLayout.checkpointKey(m.runId(), m.version()), bytes);
            return stack.announce(new CheckpointEvent(SchemaVersions.CHECKPOINT_EVENT, m.runId(), m.version(),
                    ObjectLayout.DEFAULT_BUCKET, ObjectLayout.checkpointKey(m.runId(), m.version()), bytes.length,
                    ModelLoader.sha256(bytes), m.spec(), m.epoch(), m.step(), m.losses().dLoss(), m.losses().gLoss(),
                    ObjectLayout.gridKey(m.runId(), m.version()), m.createdAt(), m.quality()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertServedScoresNoWorseThan(double shippedFd) {
        JsonPath current = get("/models/current");
        // the shipped score was measured when the model was trained (another thread count, so another order of
        // the BLAS sums); the same generator scored here may differ in the eighth digit
        assertThat(current.getDouble("quality.frechetDistance")).as("FD of the served %s",
                current.getString("modelVersion")).isLessThanOrEqualTo(shippedFd * (1 + 1e-6));
    }

    /** The page's rounding: about three significant figures. */
    private static String figure(double x) {
        double a = Math.abs(x);
        return String.format(java.util.Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", x);
    }
}
