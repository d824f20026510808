package dev.digitgan.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Unit, injected clock and sleep: which send failures are tried again, how often, and until when. */
class AckWaitTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger sends = new AtomicInteger();

    private AckWait acks(Duration wait) {
        return new AckWait(wait, "digitgan.trainer.kafka-ack-wait", d -> {
            sleeps.add(d);
            clock.addAndGet(d.toNanos());
        }, clock::get);
    }

    /** Fails the first {@code failures} sends with {@code error}, then acknowledges. */
    private java.util.function.Supplier<CompletionStage<Void>> failing(int failures, RuntimeException error) {
        return () -> sends.incrementAndGet() <= failures ? CompletableFuture.failedFuture(error)
                : CompletableFuture.completedFuture(null);
    }

    @Test
    void anAcknowledgedSendIsSentOnce() {
        assertThat(acks(Duration.ofSeconds(30)).send("status", failing(0, null))).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void transientFailuresAreSentAgainAfterWaitsThatDouble() {
        int attempts = acks(Duration.ofSeconds(30)).send("checkpoint event 3 of run r",
                failing(3, new NotEnoughReplicasException("1 of 2 in sync")));
        assertThat(attempts).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void aWrappedRetriableCauseCountsAsTransientAndARefusalDoesNot() {
        assertThat(AckWait.transientFailure(new IllegalStateException("emitter", new TimeoutException("expired"))))
                .isTrue();
        assertThat(AckWait.transientFailure(new RecordTooLargeException("2 MB"))).isFalse();
        assertThat(AckWait.transientFailure(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aRefusalFailsAtOnceNamingTheCause() {
        assertThatThrownBy(() -> acks(Duration.ofSeconds(30)).send("checkpoint event 3 of run r",
                failing(5, new RecordTooLargeException("the message is 2000000 bytes"))))
                .isInstanceOf(Acks.NotAcknowledgedException.class)
                .hasMessageContaining("did not accept checkpoint event 3 of run r")
                .hasMessageContaining("2000000 bytes");
        assertThat(sends).hasValue(1);
    }

    @Test
    void transientFailuresUntilTheDeadlineFailNamingTheWaitItsSettingAndTheAttempts() {
        assertThatThrownBy(() -> acks(Duration.ofSeconds(2)).send("RUNNING of run r",
                failing(Integer.MAX_VALUE, new TimeoutException("Expiring 1 record(s)"))))
                .isInstanceOf(Acks.NotAcknowledgedException.class)
                .hasMessageContaining("did not acknowledge RUNNING of run r within PT2S")
                .hasMessageContaining("digitgan.trainer.kafka-ack-wait")
                .hasMessageContaining("4 attempts").hasMessageContaining("Expiring 1 record(s)");
        // 200 + 400 + 800 ms slept; the next 1.6 s would pass the deadline, so no fourth sleep.
        assertThat(sleeps).hasSize(3);
        assertThat(clock.get()).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aSendThatThrowsIsTreatedLikeAFailedOne() {
        AtomicInteger calls = new AtomicInteger();
        int attempts = acks(Duration.ofSeconds(30)).send("claim", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new TimeoutException("Topic digitgan.run-ids not present in metadata after 10000 ms.");
            }
            return CompletableFuture.completedFuture(null);
        });
        assertThat(attempts).isEqualTo(2);
    }

    @Test
    void noAcknowledgementWithinTheWaitFailsNamingIt() {
        AckWait real = new AckWait(Duration.ofMillis(100), "digitgan.trainer.request-kafka-ack-wait");
        long started = System.nanoTime();
        assertThatThrownBy(() -> real.send("REQUESTED of run r", CompletableFuture::new))
                .isInstanceOf(Acks.NotAcknowledgedException.class)
                .hasMessage("Kafka did not acknowledge REQUESTED of run r within PT0.1S "
                        + "(digitgan.trainer.request-kafka-ack-wait; 1 attempt)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> acks(Duration.ofSeconds(30)).send("status", CompletableFuture::new))
                    .isInstanceOf(Acks.NotAcknowledgedException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aWaitMustBePositive() {
        assertThatThrownBy(() -> new AckWait(Duration.ZERO, "digitgan.trainer.kafka-ack-wait"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka-ack-wait");
    }
}
