package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsTheFirstAnswer() {
        AtomicInteger attempts = new AtomicInteger();
        int answer = Poll.until("the third attempt", Duration.ofSeconds(10),
                () -> attempts.incrementAndGet() == 3 ? Optional.of(42) : Optional.empty(), () -> "n/a");
        assertThat(answer).isEqualTo(42);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aTimeoutSaysWhatWasAwaitedAndWhatWasLastSeen() {
        assertThatThrownBy(() -> Poll.until("the moon", Duration.ZERO, Optional::empty, () -> "only clouds"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the moon")
                .hasMessageContaining("last seen: only clouds");
    }

    @Test
    void anAttemptThatThrowsFailsAtOnce() {
        assertThatThrownBy(() -> Poll.until("a dead service", Duration.ofMinutes(5), () -> {
            throw new AssertionError("it exited");
        }, () -> "n/a")).hasMessage("it exited");
    }
}
