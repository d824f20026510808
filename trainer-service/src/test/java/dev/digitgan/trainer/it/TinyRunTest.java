package dev.digitgan.trainer.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import dev.digitgan.stack.testkit.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Tiny runs through the whole service on the real broker and S3 server: REST request, the queue, training, loss
 * events, checkpoints in S3 announced only once stored, run status; and stopping a run.
 */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class TinyRunTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);


    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "digitgan.s3.bucket")
    String bucket;

    private static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void start(String body) {
        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .contentType(ContentType.JSON).body(body).post("/runs")
                .then().statusCode(202);
    }

    private RunStatus status(String runId) {
        byte[] json = given().get("/runs/" + runId).then().statusCode(200).extract().asByteArray();
        return new EventCodec().decode(json, RunStatus.class);
    }

    @Test
    void aTinyRunPublishesEveryStepAndOnlyStoredCheckpoints() throws Exception {
        String runId = newRunId("tiny");
        // 512 images at batch 64 = 8 steps per epoch, 2 epochs = 16 steps.
        // Checkpoints: every 5 steps and at epoch ends: steps 5, 8, 10, 15, 16.
        String location = given()
                .auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"runId\":\"" + runId + "\",\"preset\":\"mlp\",\"epochs\":2,\"batchSize\":64,"
                        + "\"checkpointIntervalSteps\":5,\"seed\":7}")
                .post("/runs")
                .then().statusCode(202)
                .extract().header("Location");
        assertThat(location).endsWith("/runs/" + runId);

        // The moment each checkpoint event arrives, its objects must already be in S3 with the stated size.
        List<Long> statSizes = new ArrayList<>();
        List<CheckpointEvent> checkpoints;
        try (TopicReader<CheckpointEvent> stream = TestKafka.events(kafka, Topics.CHECKPOINTS, CheckpointEvent.class,
                runId)) {
            checkpoints = stream.awaitUntil(seen -> seen.stream().anyMatch(e -> e.step() == 16), TIMEOUT, event -> {
                statSizes.add(statSize(event.objectKey()));
                assertThat(statSize(event.sampleGridKey())).as("grid of " + event.modelVersion()).isPositive();
            });
        }
        assertThat(checkpoints).extracting(CheckpointEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(checkpoints).extracting(CheckpointEvent::step).containsExactly(5L, 8L, 10L, 15L, 16L);
        assertThat(checkpoints).extracting(CheckpointEvent::epoch).containsExactly(0, 1, 1, 1, 2);
        assertThat(checkpoints).allSatisfy(e -> {
            assertThat(e.quality()).as("scores of version %d", e.version()).isNotNull();
            assertThat(e.quality().samples()).isEqualTo(TrainerTestProfile.SCORE_SAMPLES);
        });
        assertThat(statSizes).containsExactlyElementsOf(checkpoints.stream().map(CheckpointEvent::sizeBytes).toList());
        for (CheckpointEvent event : checkpoints) {
            assertThat(event.bucket()).isEqualTo(bucket);
            assertThat(event.spec().batchSize()).isEqualTo(64);
            assertThat(event.spec().seed()).isEqualTo(7);
            byte[] zip = read(event.objectKey());
            assertThat(zip).hasSize((int) event.sizeBytes());
            assertThat(sha256(zip)).isEqualTo(event.sha256());
            CheckpointManifest manifest = CheckpointFormat.read(new ByteArrayInputStream(zip)).manifest();
            assertThat(manifest.version()).isEqualTo(event.version());
            assertThat(manifest.step()).isEqualTo(event.step());
            assertThat(manifest.runId()).isEqualTo(runId);
            byte[] grid = read(event.sampleGridKey());
            assertThat(grid).startsWith(0x89, 'P', 'N', 'G');
        }

        // A loss event for every step, on the real topic.
        try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            List<LossEvent> events = losses.awaitUntil(seen -> seen.size() >= 16, TIMEOUT);
            assertThat(events).extracting(LossEvent::step).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 16).boxed().toList());
            assertThat(events).extracting(LossEvent::epoch)
                    .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.discriminatorLoss()).isPositive();
                assertThat(e.generatorLoss()).isPositive();
                assertThat(e.dReal()).isBetween(0.0, 1.0);
                assertThat(e.imagesPerSecond()).isPositive();
            });
        }

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(status(runId).state()).isEqualTo(RunStatus.State.FINISHED));
        RunStatus finished = status(runId);
        assertThat(finished.step()).isEqualTo(16);
        assertThat(finished.totalSteps()).isEqualTo(16);
        assertThat(finished.checkpoints()).isEqualTo(5);
        assertThat(finished.trainer()).isEqualTo(TrainerTestProfile.INSTANCE_ID);
        assertThat(finished.finalQuality()).as("the last weights' score in the FINISHED status").isNotNull();
        assertThat(finished.finalQuality().samples()).isEqualTo(TrainerTestProfile.FINAL_SAMPLES);
        List<String> listed = given().get("/runs").then().statusCode(200).extract().jsonPath().getList("runId");
        assertThat(listed).contains(runId);

        // Its request is stored for resuming.
        assertThat(statSize("runs/" + runId + "/request.json")).isPositive();
    }

    @Test
    void aConditionalRunGoesThroughTheSameRequestsCheckpointsAndStatusesWithItsLabelAccuracy() throws Exception {
        String runId = newRunId("cond");
        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"runId\":\"" + runId + "\",\"preset\":\"cmlp\",\"epochs\":1,\"batchSize\":64}")
                .post("/runs")
                .then().statusCode(202);

        CheckpointEvent last;
        try (TopicReader<CheckpointEvent> stream = TestKafka.events(kafka, Topics.CHECKPOINTS, CheckpointEvent.class,
                runId)) {
            last = stream.awaitUntil(seen -> seen.stream().anyMatch(e -> e.step() == 8), TIMEOUT).get(0);
        }
        assertThat(last.spec().classes()).isEqualTo(10);
        assertThat(last.quality().labelAccuracy()).as("a conditional checkpoint's score has its label accuracy")
                .isNotNull();
        CheckpointManifest manifest = CheckpointFormat.read(new ByteArrayInputStream(read(last.objectKey())))
                .manifest();
        assertThat(manifest.spec().classes()).as("the class count is in the checkpoint's manifest").isEqualTo(10);
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(read(last.sampleGridKey()))).getWidth())
                .as("ten columns, one per digit").isEqualTo(10 * (28 * 3 + 2) + 2);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(status(runId).state()).isEqualTo(RunStatus.State.FINISHED));
        assertThat(status(runId).finalQuality().labelAccuracy()).isNotNull();
    }

    @Test
    void aStoppedRunEndsAfterItsCurrentStepWithAFinalCheckpoint() {
        String runId = newRunId("stop");
        start("{\"runId\":\"" + runId + "\",\"epochs\":200,\"batchSize\":64}"); // 1,600 steps: far more than we wait
        try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            losses.awaitUntil(seen -> seen.size() >= 3, TIMEOUT);
        }

        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .post("/runs/" + runId + "/stop").then().statusCode(202);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(status(runId).state()).isEqualTo(RunStatus.State.STOPPED));
        RunStatus stopped = status(runId);
        assertThat(stopped.step()).isBetween(3L, 1_599L);
        try (TopicReader<CheckpointEvent> stream = TestKafka.events(kafka, Topics.CHECKPOINTS, CheckpointEvent.class,
                runId)) {
            List<CheckpointEvent> checkpoints = stream.awaitUntil(
                    seen -> seen.stream().anyMatch(e -> e.step() == stopped.step()), TIMEOUT);
            CheckpointEvent last = checkpoints.get(checkpoints.size() - 1);
            assertThat(last.step()).as("final checkpoint at the step it stopped at").isEqualTo(stopped.step());
            assertThat(last.version()).isEqualTo(stopped.checkpoints());
        }
        try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            List<LossEvent> events = losses.awaitUntil(seen -> seen.size() >= stopped.step(), TIMEOUT);
            assertThat(events).extracting(LossEvent::step).doesNotHaveDuplicates()
                    .allMatch(step -> step <= stopped.step());
        }
        // A run that is over cannot be stopped again.
        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .post("/runs/" + runId + "/stop").then().statusCode(409);
    }

    private long statSize(String key) {
        try {
            return TestS3.fromRunningApplication().stat(key).size();
        } catch (Exception e) {
            throw new AssertionError("object " + bucket + "/" + key + " is not in S3: " + e.getMessage(), e);
        }
    }

    private byte[] read(String key) {
        return TestS3.fromRunningApplication().get(key);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
