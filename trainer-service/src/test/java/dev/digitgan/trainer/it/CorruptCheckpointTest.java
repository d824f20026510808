package dev.digitgan.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import dev.digitgan.stack.testkit.TopicReader;
import dev.digitgan.trainer.kafka.KafkaRunWriters;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.queue.RunControl;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.training.MnistSource;
import dev.digitgan.trainer.training.RunTrainer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A resumed run whose newest checkpoint in the real S3 does not read: the trainer says which version it skipped and
 * why, continues from the one before (or from scratch when none reads), and the versions it trains again replace the
 * unreadable objects under the same numbers, announced with new SHA-256s. One epoch of the test profile is 8 steps;
 * with a checkpoint every 5 steps a run stores version 1 at step 5 and version 2 at step 8 (the epoch end).
 */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class CorruptCheckpointTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Inject
    TrainerEvents events;

    @Inject
    MnistSource mnist;

    /**
     * A trainer of its own instance id, with the service's writers: the runs it trains are not the application
     * worker's, which would otherwise find them RUNNING under its own id while idle and take them over.
     */
    private RunTrainer trainer;

    @Inject
    CheckpointStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @BeforeEach
    void trainer() {
        String instance = "corrupt-test-" + UUID.randomUUID().toString().substring(0, 8);
        trainer = new RunTrainer(new RunTrainer.Settings(instance, true, 2000), events,
                new KafkaRunWriters(kafka, instance, events, Duration.ofSeconds(30)), store, mnist,
                RunTrainer.Scoring.NONE);
    }

    @Test
    void aTruncatedNewestCheckpointIsSkippedAndTheRunResumesFromTheOneBefore() throws Exception {
        String runId = "corrupt-" + UUID.randomUUID().toString().substring(0, 8);
        TrainingRequest request = request(runId);
        TestS3 s3 = TestS3.fromRunningApplication();
        trainer.train(request, new RunControl(runId), 0);
        assertThat(store.versions(runId)).containsExactly(1L, 2L);
        String v2 = ObjectLayout.checkpointKey(runId, 2);
        byte[] original = s3.get(v2);
        s3.put(v2, Arrays.copyOf(original, original.length / 2), "application/zip");

        trainer.train(request, new RunControl(runId), 2);

        try (TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId);
             TopicReader<CheckpointEvent> checkpoints = TestKafka.events(kafka, Topics.CHECKPOINTS,
                     CheckpointEvent.class, runId)) {
            List<RunStatus> history = statuses.awaitUntil(seen -> finished(seen) == 2, TIMEOUT);
            assertThat(history).extracting(RunStatus::message).anySatisfy(message -> assertThat(message)
                    .startsWith("resumed from checkpoint version 1 at step 5 (skipped version 2 does not read: ")
                    .contains("truncated"));
            RunStatus end = history.get(history.size() - 1);
            assertThat(end.state()).isEqualTo(RunStatus.State.FINISHED);
            assertThat(end.step()).isEqualTo(8);

            List<CheckpointEvent> events = checkpoints.awaitUntil(seen -> seen.size() >= 3, TIMEOUT);
            assertThat(events).extracting(CheckpointEvent::version).containsExactly(1L, 2L, 2L);
            assertThat(events).extracting(CheckpointEvent::step).containsExactly(5L, 8L, 8L);
            byte[] replaced = s3.get(v2);
            // The sampler takes the second event as version 2 re-published (another SHA-256) and fetches it again.
            assertThat(events.get(1).sha256()).isEqualTo(sha256(original));
            assertThat(events.get(2).sha256()).isEqualTo(sha256(replaced)).isNotEqualTo(events.get(1).sha256());
            Checkpoint now = read(replaced);
            assertThat(now.manifest().step()).isEqualTo(8);
            // Trained again from version 1 over the same batches: the very weights of the version it replaced.
            assertThat(now.generator().params().toFloatVector())
                    .containsExactly(read(original).generator().params().toFloatVector());
        }
    }

    @Test
    void aRunWhoseOnlyCheckpointDoesNotReadStartsFromScratch() throws Exception {
        String runId = "garbage-" + UUID.randomUUID().toString().substring(0, 8);
        TestS3 s3 = TestS3.fromRunningApplication();
        String v1 = ObjectLayout.checkpointKey(runId, 1);
        s3.put(v1, "not a zip at all".getBytes(StandardCharsets.UTF_8), "application/zip");

        trainer.train(request(runId), new RunControl(runId), 0);

        try (TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId);
             TopicReader<CheckpointEvent> checkpoints = TestKafka.events(kafka, Topics.CHECKPOINTS,
                     CheckpointEvent.class, runId)) {
            List<RunStatus> history = statuses.awaitUntil(seen -> finished(seen) == 1, TIMEOUT);
            assertThat(history.get(0).message()).startsWith("training from scratch (skipped version 1 does not read: ");
            assertThat(history.get(0).step()).isZero();
            assertThat(history.get(history.size() - 1).step()).isEqualTo(8);
            assertThat(checkpoints.awaitUntil(seen -> seen.size() >= 2, TIMEOUT))
                    .extracting(CheckpointEvent::version).containsExactly(1L, 2L);
            assertThat(read(s3.get(v1)).manifest().step()).as("version 1 stored again, readable").isEqualTo(5);
        }
    }

    @Test
    void aCheckpointStoredButNotAnnouncedWhenItsTrainerDiedIsAnnouncedWhenTheRunResumesFromIt() throws Exception {
        String runId = "unannounced-" + UUID.randomUUID().toString().substring(0, 8);
        TrainingRequest request = request(runId);
        TestS3 s3 = TestS3.fromRunningApplication();
        trainer.train(request, new RunControl(runId), 0);
        String v2 = ObjectLayout.checkpointKey(runId, 2);
        byte[] stored = s3.get(v2);

        // As if the trainer had died after storing version 2 and before its event: the statuses count version 1.
        trainer.train(request, new RunControl(runId), 1);

        try (TopicReader<CheckpointEvent> checkpoints = TestKafka.events(kafka, Topics.CHECKPOINTS,
                CheckpointEvent.class, runId);
             TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId)) {
            List<RunStatus> history = statuses.awaitUntil(seen -> finished(seen) == 2, TIMEOUT);
            // Until it is announced again, a status must not count version 2: a kill then would lose it for good.
            assertThat(history).filteredOn(st -> st.message().startsWith("resumed from checkpoint version 2"))
                    .singleElement().extracting(RunStatus::checkpoints).isEqualTo(1L);
            List<CheckpointEvent> events = checkpoints.awaitUntil(seen -> seen.size() >= 3, TIMEOUT);
            checkpoints.drain(Duration.ofSeconds(1));
            assertThat(checkpoints.received()).extracting(CheckpointEvent::version).containsExactly(1L, 2L, 2L);
            CheckpointEvent announced = events.get(2);
            assertThat(announced.step()).isEqualTo(8);
            byte[] now = s3.get(v2);
            assertThat(announced.sha256()).as("the event names the bytes in S3").isEqualTo(sha256(now));
            assertThat(read(now).generator().params().toFloatVector()).as("the very weights stored before")
                    .containsExactly(read(stored).generator().params().toFloatVector());
        }
    }

    private static TrainingRequest request(String runId) {
        return new TrainingRequest(Event.SCHEMA_VERSION, runId, "mlp", 1, 64, null, null, 5, 11L, "test",
                Instant.now());
    }

    private static long finished(List<RunStatus> statuses) {
        return statuses.stream().filter(s -> s.state() == RunStatus.State.FINISHED).count();
    }

    private static Checkpoint read(byte[] zip) throws IOException {
        return CheckpointFormat.read(new ByteArrayInputStream(zip));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
