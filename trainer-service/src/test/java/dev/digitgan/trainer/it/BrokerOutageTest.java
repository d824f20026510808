package dev.digitgan.trainer.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.trainer.kafka.TrainerLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The trainer's long-lived consumers outlive a broker outage and resume by themselves: the broker is frozen
 * (SIGSTOP) under the running application for 25 s, as in issue 13's report of a paused broker, then let go.
 * Before the fix the run-status view died on "Timeout expired while fetching topic metadata", so
 * {@code GET /runs} froze while readiness said ready. Checked afterwards through the service's own endpoints:
 * readiness, a new run claimed and trained to FINISHED (the request worker and the status view), and a STOP (the
 * run-control consumer).
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.Profile.class)
class BrokerOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(25);

    @Inject
    TrainerLifecycle lifecycle;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    /** The shared profile's settings on a broker of this test's own, and a short catch-up timeout. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new TrainerTestProfile().getConfigOverrides());
            config.put("digitgan.trainer.instance-id", "outage-app");
            config.put("digitgan.trainer.status-catch-up-timeout", "5s");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableKafkaResource.class));
        }
    }

    @Test
    void theConsumersResumeByThemselvesAfterTheBrokerWasFrozenForTwentyFiveSeconds() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        awaitReady(Duration.ofMinutes(2));
        String before = "before-outage-" + suffix;
        start(before, 1);
        awaitState(before, "FINISHED");

        long outageStarted = System.nanoTime();
        RestartableKafkaResource.Broker broker = RestartableKafkaResource.Broker.current();
        broker.freeze();
        // A run the view has not seen needs Kafka: 503, and readiness names the view as the consumer that waits.
        given().get("/runs/unknown-" + suffix).then().statusCode(503);
        // Asked in process: the readiness endpoint takes half a minute while Kafka is gone (SmallRye's checks wait
        // for the broker); the same check after the outage is asked over HTTP.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                lifecycle.consumers().stream().anyMatch(c -> c.name().equals("run-status-view") && !c.up()
                        && c.detail().startsWith("cannot reach Kafka")));
        long left = OUTAGE.toNanos() - (System.nanoTime() - outageStarted);
        if (left > 0) {
            sleep(Duration.ofNanos(left));
        }
        broker.thaw();

        awaitReady(Duration.ofMinutes(3));
        assertThat(consumerCheck()).containsEntry("run-status-view", "up: reading digitgan.run-status");
        String after = "after-outage-" + suffix;
        start(after, 1);
        awaitState(after, "FINISHED");

        String stopped = "stopped-after-outage-" + suffix;
        start(stopped, 500);
        awaitState(stopped, "RUNNING");
        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .post("/runs/" + stopped + "/stop").then().statusCode(202);
        awaitState(stopped, "STOPPED");

        List<String> finished = given().get("/runs").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.state == 'FINISHED' }.runId");
        assertThat(finished).contains(before, after);
    }

    private static void start(String runId, int epochs) {
        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .contentType("application/json")
                .body(Map.of("runId", runId, "epochs", epochs, "batchSize", 64, "checkpointIntervalSteps", 100))
                .post("/runs").then().statusCode(202);
    }

    private static void awaitState(String runId, String state) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response response = given().get("/runs/" + runId);
            return response.statusCode() == 200 && state.equals(response.jsonPath().getString("state"));
        });
    }

    private static void awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static Map<String, Object> consumerCheck() {
        return given().get("/q/health/ready").jsonPath().getMap("checks.find { it.name == 'trainer-consumers' }.data");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
