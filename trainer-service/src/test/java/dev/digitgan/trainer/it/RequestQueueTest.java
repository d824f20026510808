package dev.digitgan.trainer.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TopicReader;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.training.MnistSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** How a trainer treats requests it must not train: stopped while queued, or unreadable. */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class RequestQueueTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Inject
    TrainerEvents events;

    @Inject
    CheckpointStore store;

    @Inject
    MnistSource mnist;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aRunStoppedWhileQueuedIsNeverTrained() throws Exception {
        QueueFixture queue = new QueueFixture(kafka, events, store, mnist);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String stopped = "queued-stop-" + suffix;
        String next = "after-stop-" + suffix;
        queue.request(stopped, 1, 100); // no trainer is running yet: it waits in the queue

        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .post("/runs/" + stopped + "/stop")
                .then().statusCode(202).body("state", org.hamcrest.Matchers.is("STOPPED"));
        queue.request(next, 1, 100);

        try (QueueFixture.Instance trainer = queue.start("trainer-q-" + suffix, true);
             TopicReader<RunStatus> nextStatus = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, next)) {
            // The request behind the stopped one is trained: the trainer got past the stopped one.
            nextStatus.awaitUntil(seen -> seen.stream().anyMatch(s -> s.state() == RunStatus.State.FINISHED), TIMEOUT);
        }
        try (TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, stopped);
             TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, stopped)) {
            assertThat(statuses.drain(Duration.ofSeconds(1))).extracting(RunStatus::state)
                    .containsExactly(RunStatus.State.REQUESTED, RunStatus.State.STOPPED);
            assertThat(losses.drain(Duration.ofSeconds(1))).isEmpty();
        }
        assertThat(store.newestVersion(stopped)).isEmpty();
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopicAndTheQueueMovesOn() throws Exception {
        QueueFixture queue = new QueueFixture(kafka, events, store, mnist);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String garbageKey = "garbage-" + suffix;
        String next = "after-garbage-" + suffix;
        queue.publishRaw(garbageKey, "{not json".getBytes(StandardCharsets.UTF_8));
        queue.request(next, 1, 100);

        ConsumerRecord<String, byte[]> parked;
        try (QueueFixture.Instance trainer = queue.start("trainer-dlq-" + suffix, true);
             TopicReader<RunStatus> nextStatus = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, next)) {
            // The two records may sit in different partitions, so either may be taken first.
            parked = deadLetter(garbageKey);
            nextStatus.awaitUntil(seen -> seen.stream().anyMatch(s -> s.state() == RunStatus.State.FINISHED), TIMEOUT);
        }

        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(parked, Topics.DLQ_TOPIC_HEADER)).isEqualTo(queue.topic);
        assertThat(header(parked, Topics.DLQ_REASON_HEADER)).contains("malformed JSON");
    }

    private ConsumerRecord<String, byte[]> deadLetter(String key) {
        try (TopicReader<ConsumerRecord<String, byte[]>> letters = TestKafka.read(kafka, Topics.DEAD_LETTER)) {
            return letters.awaitUntil(read -> read.stream().anyMatch(r -> key.equals(r.key())), TIMEOUT).stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
