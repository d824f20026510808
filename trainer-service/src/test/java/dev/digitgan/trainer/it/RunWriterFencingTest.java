package dev.digitgan.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TopicReader;
import dev.digitgan.trainer.kafka.KafkaRunWriters;
import dev.digitgan.trainer.kafka.RunEvents;
import dev.digitgan.trainer.kafka.RunTakenOverException;
import dev.digitgan.trainer.kafka.RunWriter;
import dev.digitgan.trainer.kafka.TrainerEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The fencing of a run's writer on the real broker: once a second writer of a run is opened (a take-over), the
 * first one's writes are refused and its loss events stop, and what it had in an open transaction is aborted, so a
 * committed-records reader sees nothing of it after the take-over, and is not held back by it.
 */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class RunWriterFencingTest {

    @Inject
    TrainerEvents events;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private RunStatus status(String runId, String trainer, String message) {
        return new RunStatus(SchemaVersions.RUN_STATUS, runId, RunStatus.State.RUNNING, "mlp", 1, 1, 0, 8, 0, trainer,
                message, Instant.now(), null);
    }

    private KafkaRunWriters writers(String instance, RunEvents shared) {
        return new KafkaRunWriters(kafka, instance, shared, Duration.ofSeconds(30));
    }

    @Test
    void aTakeOverRefusesTheEarlierWritersRecordsAndStopsItsLossEvents() throws Exception {
        String runId = "fence-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunWriter first = writers("a", events).open(runId)) {
            first.status(status(runId, "a", "before")).toCompletableFuture().get(30, TimeUnit.SECONDS);

            try (RunWriter second = writers("b", events).open(runId)) {
                assertThatThrownBy(() -> first.status(status(runId, "a", "stale")).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(RunTakenOverException.class);
                assertThatThrownBy(() -> first.loss(new LossEvent(1, runId, 1, 1, 0, 0, 0, 0, 0, Instant.now())))
                        .isInstanceOf(RunTakenOverException.class);
                second.status(status(runId, "b", "after")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }

        try (TopicReader<RunStatus> reader = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId)) {
            List<RunStatus> seen = reader.awaitUntil(s -> s.size() >= 2, Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(1));
            assertThat(reader.received()).extracting(RunStatus::message).containsExactly("before", "after");
            assertThat(seen).extracting(RunStatus::trainer).containsExactly("a", "b");
        }
    }

    @Test
    void aTransactionLeftOpenByAFrozenOwnerIsAbortedByTheNextOwnerAndNeverRead() throws Exception {
        String runId = "fence-" + UUID.randomUUID().toString().substring(0, 8);
        EventCodec codec = new EventCodec();
        // The frozen owner: a record sent in a transaction it never commits.
        KafkaProducer<String, byte[]> frozen = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaRunWriters.transactionalId(runId)),
                new StringSerializer(), new ByteArraySerializer());
        frozen.initTransactions();
        frozen.beginTransaction();
        frozen.send(new ProducerRecord<>(Topics.RUN_STATUS, runId, codec.encode(status(runId, "a", "uncommitted"))))
                .get(30, TimeUnit.SECONDS);

        long opened = System.nanoTime();
        try (RunWriter next = writers("b", events).open(runId)) {
            next.status(status(runId, "b", "taken over")).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        try (TopicReader<RunStatus> reader = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId)) {
            reader.awaitUntil(s -> !s.isEmpty(), Duration.ofSeconds(20));
            reader.drain(Duration.ofSeconds(1));
            System.out.printf("fencing: the next owner's status read %.1f s after it opened its writer%n",
                    (System.nanoTime() - opened) / 1e9);
            assertThat(reader.received()).extracting(RunStatus::message).containsExactly("taken over");
        } finally {
            frozen.close(Duration.ZERO);
        }
    }
}
