package dev.digitgan.packaged.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.model.events.Topics;
import dev.digitgan.sampler.it.TrainerStandIn;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5 on the packaged sampler: two replicas on one real stack share one version policy through the
 * compacted topic {@code digitgan.sampler-policy}. A change on A reaches B; a bad record under the key
 * {@code fleet} goes to the dead-letter topic, changes nothing, and is repaired, so that after the broker has
 * really compacted the valid policy away a restarted B still starts with it; a change on B reaches A. Both start
 * with the configured {@code best}, which keeps the scored shipped model against the unscored checkpoint
 * {@code fleet@1}; {@code latest} serves {@code fleet@1}.
 */
class FleetPolicyIT {

    static final String RUN = "fleet";
    static final String ADMIN = "fleet-admin";
    /** Random per run: a packaged sampler refuses committed passwords (AdminPasswordCheck). */
    static final String PASSWORD = java.util.UUID.randomUUID().toString();
    static final ObjectMapper JSON = new ObjectMapper();
    static final long SEGMENT_MS = 200;

    static LocalStack stack;
    static LocalStack.Endpoints endpoints;
    static PackagedSampler a;
    static PackagedSampler b;

    @BeforeAll
    static void start() {
        // A folder of this run's own: a broker reusing an earlier run's log would replay its checkpoint events,
        // whose sizes no longer match the objects this run stores under the same keys.
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("target/packaged/fleet-stack-" + System.nanoTime());
        stack = LocalStack.onRandomPorts(dir, S3Credentials.random());
        endpoints = stack.start(ObjectLayout.DEFAULT_BUCKET);
        createPolicyTopicThatCompactsAtOnce();
        try (TrainerStandIn trainer = new TrainerStandIn(endpoints)) {
            trainer.publishGood(RUN, 1);
        }
        a = replica("sampler-fleet-a");
        b = replica("sampler-fleet-b");
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));
    }

    /**
     * The policy topic as the replicas would create it, but compacting within seconds instead of hours: segments
     * roll after 200 ms (compaction leaves the active segment alone) and any dirt is worth cleaning. The broker's
     * cleaner looks every 15 s (its default).
     */
    static void createPolicyTopicThatCompactsAtOnce() {
        Map<String, String> configs = new HashMap<>(Topics.policies(Topics.DEFAULT_LOSS_RETENTION).stream()
                .filter(p -> p.topic().equals(Topics.SAMPLER_POLICY)).findFirst().orElseThrow().configs());
        configs.put(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(SEGMENT_MS));
        configs.put(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01");
        configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.SAMPLER_POLICY, Optional.of(1), Optional.empty())
                    .configs(configs))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + Topics.SAMPLER_POLICY, e);
        }
    }

    /** The records under {@code key} that the policy topic holds now, read from its beginning. */
    static List<ConsumerRecord<String, byte[]>> policyRecords(String key) {
        try (TopicReader<ConsumerRecord<String, byte[]>> reader = TestKafka.read(endpoints.kafkaBootstrapServers(),
                Topics.SAMPLER_POLICY)) {
            return reader.drain(Duration.ofMillis(500)).stream().filter(r -> key.equals(r.key())).toList();
        }
    }

    static PackagedSampler replica(String name) {
        // C1 only: this test is about the policy, not speed, and three JVM starts on two busy cores are most of it.
        return PackagedSampler.start(name, endpoints, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), Map.of(
                "DIGITGAN_SAMPLER_POLICY", "best",
                "DIGITGAN_SAMPLER_WORKERS", "1",
                "DIGITGAN_SAMPLER_ADMIN_USER", ADMIN,
                "DIGITGAN_SAMPLER_ADMIN_PASSWORD", PASSWORD));
    }

    @AfterAll
    static void stop() {
        for (PackagedSampler s : new PackagedSampler[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    static JsonNode policy(PackagedSampler replica) throws Exception {
        HttpResponse<String> r = replica.get("/models/policy");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void awaitPolicy(PackagedSampler replica, String mode, String serving) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode p = policy(replica);
                    assertThat(p.path("mode").asText()).as(p.toString()).isEqualTo(mode);
                    assertThat(p.path("serving").asText()).as(p.toString()).isEqualTo(serving);
                });
    }

    @Test
    void aPolicySetOnOneReplicaIsTheFleetsAndARestartedReplicaStartsWithIt() throws Exception {
        String shipped = policy(a).path("serving").asText();
        assertThat(shipped).as("best keeps the scored shipped model").isNotEmpty().isNotEqualTo(RUN + "@1");
        awaitPolicy(b, "best", shipped);

        HttpResponse<String> latest = a.put("/models/policy", "{\"mode\":\"latest\"}", ADMIN, PASSWORD);
        assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
        assertThat(JSON.readTree(latest.body()).path("mode").asText()).as("answered once A applied it")
                .isEqualTo("latest");
        awaitPolicy(b, "latest", RUN + "@1");

        try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers());
             TopicReader<ConsumerRecord<String, byte[]>> deadLetters = kafka.read(Topics.DEAD_LETTER)) {
            assertThat(policyRecords(PolicyChange.KEY)).as("the valid policy").hasSize(1);
            long poisonAt = kafka.send(Topics.SAMPLER_POLICY, PolicyChange.KEY,
                    "{\"schemaVersion\":1,\"mode\":\"NEWEST\"}".getBytes(StandardCharsets.UTF_8)).offset();
            // the running replicas keep serving the fleet's policy and send it again under the repair key
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> policyRecords(PolicyChange.REPAIR_KEY)
                    .stream().anyMatch(r -> new String(r.headers().lastHeader(PolicyChange.REPAIRS_HEADER).value(),
                            StandardCharsets.US_ASCII).equals(Long.toString(poisonAt))));
            awaitPolicy(a, "latest", RUN + "@1");
            // a broker rolls a segment only on an append: one more record (no policy, dead-lettered) closes the
            // segment holding the bad record, and the cleaner then drops the valid policy under the same key
            Thread.sleep(2 * SEGMENT_MS);
            kafka.send(Topics.SAMPLER_POLICY, "segment-roll", "not a policy".getBytes(StandardCharsets.UTF_8));
            Awaitility.await("the broker compacts the valid policy away").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> policyRecords(PolicyChange.KEY).stream().map(ConsumerRecord::offset).toList(),
                            offsets -> offsets.equals(List.of(poisonAt)));
            b.close();
            b = replica("sampler-fleet-b").awaitReady(Duration.ofSeconds(90));
            JsonNode restarted = policy(b);
            assertThat(restarted.path("mode").asText()).as("the restarted replica was ready with the fleet's policy: "
                    + restarted).isEqualTo("latest");
            awaitPolicy(b, "latest", RUN + "@1"); // the checkpoint's load may still be running at readiness
            deadLetters.awaitUntil(records -> records.stream().anyMatch(r -> new String(r.headers()
                    .lastHeader(Topics.DLQ_TOPIC_HEADER).value(), StandardCharsets.UTF_8)
                    .equals(Topics.SAMPLER_POLICY)), Duration.ofSeconds(30));
        }

        HttpResponse<String> best = b.put("/models/policy", "{\"mode\":\"best\"}", ADMIN, PASSWORD);
        assertThat(best.statusCode()).as(best.body()).isEqualTo(200);
        awaitPolicy(a, "best", shipped);
        awaitPolicy(b, "best", shipped);
    }
}
