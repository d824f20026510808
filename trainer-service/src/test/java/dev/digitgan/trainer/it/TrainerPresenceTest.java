package dev.digitgan.trainer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.trainer.kafka.KafkaLiveTrainers;
import dev.digitgan.trainer.kafka.TrainerPresence;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The presence group on the real broker: the application's own instance is a member; an instance that stops
 * heart-beating stays a member until its session timeout and then is not (static membership: what take-overs wait
 * for); one that comes back within it is the same member; a second process with an instance's id fences the first.
 */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class TrainerPresenceTest {

    private static final Duration SESSION = Duration.ofSeconds(6);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private TrainerPresence presence(String group, String id, Runnable onFenced) {
        TrainerPresence p = new TrainerPresence(new TrainerPresence.Settings(id, kafka, group, Topics.RUN_CONTROL,
                SESSION), onFenced);
        p.start();
        return p;
    }

    @Test
    void theApplicationsOwnInstanceIsAMember() {
        try (KafkaLiveTrainers live = new KafkaLiveTrainers(kafka, Topics.TRAINER_PRESENCE_GROUP)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> live.live().contains(TrainerTestProfile.INSTANCE_ID));
        }
    }

    @Test
    void anInstanceThatStopsHeartBeatingLeavesTheGroupAfterItsSessionTimeoutNotBefore() {
        String group = "test-presence-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaLiveTrainers live = new KafkaLiveTrainers(kafka, group)) {
            TrainerPresence a = presence(group, "a", () -> { });
            TrainerPresence b = presence(group, "b", () -> { });
            await().atMost(Duration.ofSeconds(60)).until(() -> live.live().containsAll(java.util.Set.of("a", "b")));
            assertThat(a.isMember()).isTrue();

            long stopped = System.nanoTime();
            a.close(); // no LeaveGroup: as if killed
            assertThat(live.live()).as("right after it stopped").contains("a");
            await().atMost(SESSION.multipliedBy(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !live.live().contains("a"));
            Duration gone = Duration.ofNanos(System.nanoTime() - stopped);
            System.out.printf("presence: an instance that stopped heart-beating left the group after %.1f s"
                    + " (session timeout %d s)%n", gone.toMillis() / 1000.0, SESSION.toSeconds());
            assertThat(gone).isGreaterThanOrEqualTo(SESSION.minusSeconds(1));
            assertThat(live.live()).contains("b");

            TrainerPresence again = presence(group, "a", () -> { });
            await().atMost(Duration.ofSeconds(60)).until(() -> live.live().contains("a"));
            again.close();
            b.close();
        }
    }

    @Test
    void aSecondProcessWithTheSameInstanceIdFencesTheFirst() {
        String group = "test-presence-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean fenced = new AtomicBoolean();
        TrainerPresence first = presence(group, "same", () -> fenced.set(true));
        await().atMost(Duration.ofSeconds(60)).until(first::isMember);

        TrainerPresence second = presence(group, "same", () -> { });
        await().atMost(Duration.ofSeconds(60)).until(fenced::get);

        assertThat(first.health().up()).isFalse();
        assertThat(first.health().detail()).contains("fenced").contains("same");
        await().atMost(Duration.ofSeconds(30)).until(second::isMember);
        second.close();
        first.close();
    }
}
