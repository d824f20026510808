package dev.digitgan.trainer.it;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Two trainer instances on one request queue share two runs: each run is trained once, by one of them. */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class WorkerSharingTest {

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
    void twoInstancesShareTwoRunsAndTrainEachOnce() throws Exception {
        QueueFixture queue = new QueueFixture(kafka, events, store, mnist);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String a = "trainer-a-" + suffix;
        String b = "trainer-b-" + suffix;
        List<String> runs = List.of("share-1-" + suffix, "share-2-" + suffix);
        // 5 epochs of 8 steps: long enough that the first instance is still busy when the second takes a request.
        int epochs = 5;
        long steps = epochs * 8L;
        try (QueueFixture.Instance first = queue.start(a, true); QueueFixture.Instance second = queue.start(b, true)) {
            for (String run : runs) {
                queue.request(run, epochs, 100);
            }
            for (String run : runs) {
                try (TopicReader<RunStatus> statuses =
                        TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, run)) {
                    List<RunStatus> history = statuses.awaitUntil(
                            seen -> seen.stream().anyMatch(s -> s.state().isFinal()), TIMEOUT);
                    assertThat(history.get(history.size() - 1).state()).isEqualTo(RunStatus.State.FINISHED);
                }
            }
        }

        Map<String, String> trainerOf = new java.util.HashMap<>();
        for (String run : runs) {
            try (TopicReader<RunStatus> statuses = TestKafka.events(kafka, Topics.RUN_STATUS, RunStatus.class, run)) {
                List<RunStatus> history = statuses.awaitUntil(seen -> seen.stream().anyMatch(s -> s.state().isFinal()),
                        TIMEOUT);
                Set<String> trainers = history.stream().map(RunStatus::trainer).filter(t -> t != null)
                        .collect(Collectors.toSet());
                assertThat(trainers).as("instances that reported run " + run).hasSize(1);
                trainerOf.put(run, trainers.iterator().next());
                assertThat(history).filteredOn(s -> s.message() != null && s.message().equals("claimed")).hasSize(1);
            }
            try (TopicReader<LossEvent> losses = TestKafka.events(kafka, Topics.LOSS_EVENTS, LossEvent.class, run)) {
                List<LossEvent> events = losses.awaitUntil(seen -> seen.size() >= steps, TIMEOUT);
                // every step once: nobody trained the run a second time
                Map<Long, Long> perStep = events.stream().collect(Collectors.groupingBy(LossEvent::step,
                        Collectors.counting()));
                assertThat(perStep.keySet()).containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, steps).boxed().toList());
                assertThat(perStep.values()).containsOnly(1L);
            }
        }
        assertThat(Set.copyOf(trainerOf.values())).as("which instance trained which run: " + trainerOf)
                .containsExactlyInAnyOrder(a, b);
    }
}
