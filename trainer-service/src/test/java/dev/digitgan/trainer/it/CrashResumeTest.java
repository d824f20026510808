package dev.digitgan.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.CheckpointEvent;
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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A trainer instance dies mid-run (no goodbye checkpoint, its status left RUNNING); started again under the same
 * instance id, it resumes the run from the newest checkpoint in S3: versions and steps continue, the run finishes.
 */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class CrashResumeTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Inject
    TrainerEvents events;

    @Inject
    CheckpointStore store;

    @Inject
    MnistSource mnist;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aRestartedInstanceContinuesItsRunFromTheLastCheckpoint() throws Exception {
        QueueFixture queue = new QueueFixture(kafka, events, store, mnist);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String instance = "trainer-crash-" + suffix;
        String runId = "resume-" + suffix;
        int epochs = 6;
        long steps = epochs * 8L; // 48 steps, a checkpoint every 5 and at each epoch end

        CheckpointEvent lastBeforeCrash;
        long stepAtCrash;
        // checkpointOnShutdown=false: closing the worker loses the steps since the last checkpoint, like a kill.
        try (QueueFixture.Instance crashing = queue.start(instance, false);
             TopicReader<CheckpointEvent> checkpoints = TestKafka.events(kafka, Topics.CHECKPOINTS,
                     CheckpointEvent.class, runId);
             TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            queue.request(runId, epochs, 5);
            checkpoints.awaitUntil(seen -> seen.size() >= 2, TIMEOUT);
            losses.awaitUntil(seen -> seen.stream().anyMatch(e -> e.step() > 10), TIMEOUT);
            crashing.close();
            List<CheckpointEvent> before = checkpoints.drain(Duration.ofSeconds(2));
            lastBeforeCrash = before.get(before.size() - 1);
            stepAtCrash = losses.drain(Duration.ofSeconds(2)).stream().mapToLong(LossEvent::step).max().orElseThrow();
        }
        assertThat(stepAtCrash).as("crashed mid-run").isLessThan(steps);
        assertThat(store.newestVersion(runId)).hasValue(lastBeforeCrash.version());
        try (TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId)) {
            List<RunStatus> history = statuses.drain(Duration.ofSeconds(2));
            RunStatus last = history.get(history.size() - 1);
            assertThat(last.state()).isEqualTo(RunStatus.State.RUNNING);
            assertThat(last.trainer()).isEqualTo(instance);
        }

        try (QueueFixture.Instance restarted = queue.start(instance, false);
             TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId)) {
            List<RunStatus> history = statuses.awaitUntil(
                    seen -> seen.stream().anyMatch(s -> s.state().isFinal()), TIMEOUT);
            RunStatus end = history.get(history.size() - 1);
            assertThat(end.state()).isEqualTo(RunStatus.State.FINISHED);
            assertThat(end.step()).isEqualTo(steps);
            assertThat(history).extracting(RunStatus::message).contains("resumed from checkpoint version "
                    + lastBeforeCrash.version() + " at step " + lastBeforeCrash.step());
        }

        try (TopicReader<CheckpointEvent> checkpoints = TestKafka.events(kafka, Topics.CHECKPOINTS,
                CheckpointEvent.class, runId)) {
            List<CheckpointEvent> all = checkpoints.awaitUntil(seen -> seen.stream().anyMatch(e -> e.step() == steps),
                    TIMEOUT);
            // Versions count on without a gap or repeat; steps keep increasing across the restart.
            assertThat(all).extracting(CheckpointEvent::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
            assertThat(all).extracting(CheckpointEvent::step).isSorted().doesNotHaveDuplicates();
            CheckpointEvent firstAfter = all.get((int) lastBeforeCrash.version());
            assertThat(firstAfter.step()).isGreaterThan(lastBeforeCrash.step());
        }
        try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            List<LossEvent> all = losses.awaitUntil(seen -> seen.stream().anyMatch(e -> e.step() == steps), TIMEOUT);
            Set<Long> stepsSeen = all.stream().map(LossEvent::step).collect(Collectors.toSet());
            assertThat(stepsSeen)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, steps).boxed().toList());
            // The steps after the last checkpoint were trained twice; none before it.
            assertThat(all.stream().filter(e -> e.step() <= lastBeforeCrash.step()).count())
                    .isEqualTo(lastBeforeCrash.step());
        }
        await().atMost(TIMEOUT).until(() -> store.newestVersion(runId).orElse(0) > lastBeforeCrash.version());
    }

    @Test
    void aRunThatDiedWhileStoppingIsFinishedAsStoppedWithoutTrainingMore() throws Exception {
        QueueFixture queue = new QueueFixture(kafka, events, store, mnist);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String instance = "trainer-stopping-" + suffix;
        String runId = "stopping-" + suffix;
        CheckpointEvent newest;
        try (QueueFixture.Instance crashing = queue.start(instance, false);
             TopicReader<CheckpointEvent> checkpoints = TestKafka.events(kafka, Topics.CHECKPOINTS,
                     CheckpointEvent.class, runId)) {
            queue.request(runId, 20, 100);
            checkpoints.awaitUntil(seen -> !seen.isEmpty(), TIMEOUT);
            crashing.close();
            List<CheckpointEvent> stored = checkpoints.drain(Duration.ofSeconds(2));
            newest = stored.get(stored.size() - 1);
        }
        long lossEventsBefore;
        try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            lossEventsBefore = losses.drain(Duration.ofSeconds(2)).size();
        }
        // What the instance would have published had it died after noticing a STOP, before its final checkpoint.
        events.status(new RunStatus(1, runId, RunStatus.State.STOPPING, "mlp", 2, 20, newest.step() + 3, 160,
                newest.version(), instance, "stopping", java.time.Instant.now(), null))
                .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);

        try (QueueFixture.Instance restarted = queue.start(instance, false);
             TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, runId)) {
            List<RunStatus> history = statuses.awaitUntil(
                    seen -> seen.stream().anyMatch(s -> s.state().isFinal()), TIMEOUT);
            RunStatus end = history.get(history.size() - 1);
            assertThat(end.state()).isEqualTo(RunStatus.State.STOPPED);
            assertThat(end.step()).as("stopped where the newest checkpoint is").isEqualTo(newest.step());
            assertThat(end.checkpoints()).isEqualTo(newest.version());
        }
        try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, runId)) {
            assertThat(losses.drain(Duration.ofSeconds(2))).as("no step trained after the restart")
                    .hasSize((int) lossEventsBefore);
        }
        assertThat(store.newestVersion(runId)).hasValue(newest.version());
    }
}
