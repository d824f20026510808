package dev.digitgan.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TopicReader;
import dev.digitgan.trainer.api.RunConflictException;
import dev.digitgan.trainer.api.RunIdClaimer;
import dev.digitgan.trainer.api.RunRequests;
import dev.digitgan.trainer.api.StartRunBody;
import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.kafka.KafkaRunIdLog;
import dev.digitgan.trainer.kafka.RunStatusView;
import dev.digitgan.trainer.kafka.TrainerEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Run ids under a race, on the real broker: many {@code POST /runs} with one id at the same moment, half of them over
 * HTTP to the application and half to a second trainer instance's request path (its own run-id log: its own
 * producer and its own view), are accepted exactly once.
 */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class RunIdRaceTest {

    /** Per instance; 2 × 12 = 24 requests with one id. */
    private static final int PER_INSTANCE = 12;
    /** Volleys at most, until one really races (see the test). */
    private static final int ATTEMPTS = 3;

    @Inject
    TrainerEvents events;

    @Inject
    TrainerConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/runs")
    URI runs;

    /** The outcome of one request: its HTTP status (the second instance's 202 and 409 as their exceptions map). */
    private record Answer(int status, String body) {
    }

    /**
     * Every attempt must accept exactly one start. Whether the requests really raced (more than one claim written)
     * is up to the scheduler: in two fresh-clone runs one attempt in two saw a single claim, the others having read
     * it back before writing theirs. So a quiet attempt is repeated with a new id, up to {@link #ATTEMPTS} times.
     */
    @Test
    void concurrentStartsWithOneIdOnTwoInstancesAcceptExactlyOne() throws Exception {
        int claims = 0;
        for (int attempt = 1; attempt <= ATTEMPTS && claims <= 1; attempt++) {
            claims = race("race-" + UUID.randomUUID().toString().substring(0, 8), attempt);
        }
        // More than one claim written means the requests really raced (each saw the id free before writing).
        assertThat(claims).as("claims written in the last of up to " + ATTEMPTS + " attempts").isGreaterThan(1);
    }

    /** One volley of concurrent starts of {@code runId}; returns the number of claims written. */
    private int race(String runId, int attempt) throws Exception {
        String body = "{\"preset\":\"mlp\",\"epochs\":1,\"runId\":\"" + runId + "\"}";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((TrainerTestProfile.ADMIN_USER + ":"
                + TrainerTestProfile.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(2 * PER_INSTANCE);
        try (KafkaRunIdLog secondLog = new KafkaRunIdLog(kafka, "second-instance");
             RunStatusView secondView = new RunStatusView(kafka, "second-instance")) {
            secondLog.start();
            secondView.start();
            RunRequests second = new RunRequests(events, secondView, new RunIdClaimer(secondLog, "second-instance",
                    Duration.ofSeconds(30), RunRequests.requestAcks(config)), config);
            secondLog.awaitCaughtUp(Duration.ofSeconds(30)); // both instances ready before the gun

            CountDownLatch gun = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                answers.add(pool.submit(afterThe(gun, () -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(runs)
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body());
                })));
                answers.add(pool.submit(afterThe(gun, () -> {
                    try {
                        second.start(new StartRunBody(runId, "mlp", 1, null, null, null, null, null), "test-admin");
                        return new Answer(202, "accepted by the second instance");
                    } catch (RunConflictException e) {
                        return new Answer(409, e.getMessage());
                    }
                })));
            }
            long started = System.nanoTime();
            gun.countDown();
            List<Answer> all = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                all.add(answer.get(2, TimeUnit.MINUTES));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;

            List<Answer> accepted = all.stream().filter(a -> a.status() == 202).toList();
            List<Answer> refused = all.stream().filter(a -> a.status() == 409).toList();
            assertThat(accepted).as("accepted of %s", all).hasSize(1);
            assertThat(refused).as("refused of %s", all).hasSize(2 * PER_INSTANCE - 1);
            assertThat(refused).allSatisfy(a -> assertThat(a.body())
                    .contains("run id '" + runId + "' is already taken"));

            int claims;
            try (TestKafka client = new TestKafka(kafka);
                 TopicReader<byte[]> claimRecords = client.read(Topics.RUN_IDS, runId, v -> v);
                 TopicReader<byte[]> requests = client.read(Topics.TRAINING_REQUESTS, runId, v -> v);
                 TopicReader<RunStatus> statuses = client.events(Topics.RUN_STATUS, RunStatus.class, runId)) {
                claims = claimRecords.drain(Duration.ofSeconds(2)).size();
                assertThat(requests.drain(Duration.ofSeconds(2))).as("requests queued for " + runId).hasSize(1);
                assertThat(statuses.drain(Duration.ofSeconds(2)))
                        .filteredOn(s -> s.state() == RunStatus.State.REQUESTED).hasSize(1);
            }
            System.out.printf("RunIdRaceTest, attempt %d: %d concurrent POSTs of one id on 2 instances: 1 accepted"
                    + " (%s), %d refused; %d claims written; all answered in %d ms%n", attempt, all.size(),
                    accepted.get(0).body(), refused.size(), claims, millis);

            // An instance started later (its view read from the beginning) refuses the id too: the log is the record.
            try (KafkaRunIdLog later = new KafkaRunIdLog(kafka, "later-instance")) {
                later.start();
                RunIdClaimer.Outcome again = new RunIdClaimer(later, "later-instance", Duration.ofSeconds(30),
                        RunRequests.requestAcks(config)).claim(runId, "test-admin");
                assertThat(again.won()).isFalse();
            }
            return claims;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdClaimedInTheLogIsRefusedEvenWithoutAnyStatusOfItsRun() throws Exception {
        // As for a run whose statuses are gone: only its claim is left, and that is enough.
        String runId = "claimed-only-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaRunIdLog other = new KafkaRunIdLog(kafka, "other-instance")) {
            other.start();
            RunIdClaimer claimer = new RunIdClaimer(other, "other-instance", Duration.ofSeconds(30),
                    RunRequests.requestAcks(config));
            assertThat(claimer.claim(runId, "someone-else").won()).isTrue();
        }
        io.restassured.RestAssured.given().auth().preemptive()
                .basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"epochs\":1,\"runId\":\"" + runId + "\"}").post("/runs")
                .then().statusCode(409)
                .body("message", org.hamcrest.Matchers.containsString("claimed by someone-else on other-instance"));
        io.restassured.RestAssured.given().get("/runs/" + runId).then().statusCode(404);
    }

    private static <T> Callable<T> afterThe(CountDownLatch gun, Callable<T> task) {
        return () -> {
            gun.await();
            return task.call();
        };
    }
}
