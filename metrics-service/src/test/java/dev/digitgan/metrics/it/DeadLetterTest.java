package dev.digitgan.metrics.it;

import static dev.digitgan.metrics.aggregate.Events.checkpoint;
import static dev.digitgan.metrics.aggregate.Events.loss;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Bad records on the loss and checkpoint topics land in the dead-letter topic with the reason, read back
 * with a plain consumer, and the good record published right after them is still aggregated.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class DeadLetterTest {

    static final String RUN = "it-poison-" + Ids.unique();

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheNextGoodMessageIsAggregated() {
        double before = Scrape.value(Scrape.text(), "gan_dead_letters_total", "topic=\"" + Topics.LOSS_EVENTS + "\"")
                .orElseThrow();
        String goodJson = new String(new EventCodec().encode(loss(RUN, 2, 1, 0.5, 0.5)), StandardCharsets.UTF_8);
        // Each poison value is marked with a unique token so that it can be found among other tests' dead letters.
        Map<String, String> poison = Map.of(
                "{\"not json " + RUN + "-1", "malformed JSON",
                "{\"schemaVersion\":2,\"runId\":\"" + RUN + "\",\"note\":\"" + RUN + "-2\"}",
                "unknown schemaVersion 2",
                "{\"schemaVersion\":1,\"runId\":\"" + RUN + "\",\"epoch\":1,\"note\":\"" + RUN + "-3\"}",
                "Missing creator property 'step'",
                goodJson.replace("\"discriminatorLoss\":0.5",
                        "\"discriminatorLoss\":\"NaN\",\"note\":\"" + RUN + "-4\""),
                "discriminatorLoss' must be a finite number");
        try (TestKafka kafka = TestKafka.fromRunningApplication()) {
            kafka.publish(Topics.LOSS_EVENTS, loss(RUN, 1, 1, 1.5, 1.5));
            poison.keySet().forEach(value -> kafka.send(Topics.LOSS_EVENTS, RUN, value));
            // A valid event under another run's key breaks per-run ordering: rejected as well.
            kafka.send(Topics.LOSS_EVENTS, "someone-else", goodJson.replace("\"step\":2", "\"step\":99"));
            kafka.send(Topics.CHECKPOINTS, RUN, "[\"" + RUN + "-5\"]");
            kafka.publish(Topics.LOSS_EVENTS, loss(RUN, 2, 1, 0.5, 0.5));
            kafka.publish(Topics.CHECKPOINTS, checkpoint(RUN, 1, 2));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(Scrape.value("gan_loss_events_total", RUN)).hasValue(2);
                assertThat(Scrape.value("gan_checkpoints_published_total", RUN)).hasValue(1);
            });
            assertThat(Scrape.value("gan_discriminator_loss", RUN)).as("the good message after the poison")
                    .hasValue(0.5);
            assertThat(Scrape.value("gan_step", RUN)).as("the mis-keyed step 99 was not counted").hasValue(2);

            List<ConsumerRecord<String, byte[]>> letters;
            try (TopicReader<ConsumerRecord<String, byte[]>> deadLetters = kafka.read(Topics.DEAD_LETTER)) {
                letters = deadLetters.awaitUntil(read -> mine(read).size() >= poison.size() + 2,
                        Duration.ofSeconds(60));
            }
            List<ConsumerRecord<String, byte[]>> mine = mine(letters);
            assertThat(mine).hasSize(poison.size() + 2);
            Map<String, ConsumerRecord<String, byte[]>> byValue = mine.stream()
                    .collect(Collectors.toMap(r -> new String(r.value(), StandardCharsets.UTF_8), Function.identity()));
            poison.forEach((value, reason) -> {
                ConsumerRecord<String, byte[]> letter = byValue.get(value);
                assertThat(letter).as("dead letter for %s", value).isNotNull();
                assertThat(letter.key()).isEqualTo(RUN);
                assertThat(header(letter, Topics.DLQ_REASON_HEADER)).contains(reason);
                assertThat(header(letter, Topics.DLQ_TOPIC_HEADER)).isEqualTo(Topics.LOSS_EVENTS);
                assertThat(Long.parseLong(header(letter, Topics.DLQ_OFFSET_HEADER))).isNotNegative();
                assertThat(Integer.parseInt(header(letter, Topics.DLQ_PARTITION_HEADER))).isNotNegative();
            });
            ConsumerRecord<String, byte[]> misKeyed = mine.stream().filter(r -> "someone-else".equals(r.key()))
                    .findFirst().orElseThrow();
            assertThat(header(misKeyed, Topics.DLQ_REASON_HEADER))
                    .isEqualTo("record key 'someone-else' is not the event's runId '" + RUN + "'");
            ConsumerRecord<String, byte[]> checkpoint = byValue.get("[\"" + RUN + "-5\"]");
            assertThat(header(checkpoint, Topics.DLQ_TOPIC_HEADER)).isEqualTo(Topics.CHECKPOINTS);
            assertThat(header(checkpoint, Topics.DLQ_REASON_HEADER))
                    .isEqualTo("expected a JSON object for CheckpointEvent");
        }
        assertThat(Scrape.value(Scrape.text(), "gan_dead_letters_total", "topic=\"" + Topics.LOSS_EVENTS + "\"")
                .orElseThrow())
                .isGreaterThanOrEqualTo(before + poison.size() + 1);
    }

    /** More bad records than any buffer holds: the consumer waits for its dead letters and carries on. */
    @Test
    void aFloodOfBadRecordsDoesNotStopTheConsumer() {
        String run = "it-flood-" + Ids.unique();
        int bad = 5_000;
        String counter = "topic=\"" + Topics.LOSS_EVENTS + "\"";
        double before = Scrape.value(Scrape.text(), "gan_dead_letters_total", counter).orElseThrow();
        try (TestKafka kafka = TestKafka.fromRunningApplication()) {
            for (int i = 0; i < bad; i++) {
                kafka.sendAsync(Topics.LOSS_EVENTS, run, "{\"bad\":" + i + "}");
            }
            kafka.publish(Topics.LOSS_EVENTS, loss(run, 1, 1, 0.75, 0.25));
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(Scrape.value("gan_discriminator_loss", run)).hasValue(0.75));
        assertThat(Scrape.value(Scrape.text(), "gan_dead_letters_total", counter).orElseThrow())
                .isGreaterThanOrEqualTo(before + bad);
        given().get("/q/health/ready").then().statusCode(200);
        // None lost: every bad record's original offset is on the dead-letter topic.
        try (TestKafka kafka = TestKafka.fromRunningApplication();
             TopicReader<ConsumerRecord<String, byte[]>> deadLetters = kafka.read(Topics.DEAD_LETTER)) {
            List<ConsumerRecord<String, byte[]>> letters = deadLetters.awaitUntil(
                    read -> offsetsOf(read, run).size() >= bad, Duration.ofSeconds(60));
            assertThat(offsetsOf(letters, run)).hasSize(bad);
        }
    }

    private static Set<String> offsetsOf(List<ConsumerRecord<String, byte[]>> letters, String run) {
        return letters.stream().filter(r -> run.equals(r.key()))
                .map(r -> header(r, Topics.DLQ_PARTITION_HEADER) + "@" + header(r, Topics.DLQ_OFFSET_HEADER))
                .collect(Collectors.toSet());
    }

    private static List<ConsumerRecord<String, byte[]>> mine(List<ConsumerRecord<String, byte[]>> letters) {
        return letters.stream()
                .filter(r -> RUN.equals(r.key()) || "someone-else".equals(r.key()))
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(RUN))
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
