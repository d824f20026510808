package dev.digitgan.support.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDelayDoublesFromTheFirstUpToTheCapAndStaysThere() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(backoff::delay).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aCapThatIsNotAPowerOfTwoTimesTheFirstIsReachedExactly() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void delaysMustBePositiveAndOrderedAndFollowAFailure() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("0 < first <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("0 < first <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)).delay(0))
                .hasMessageContaining("failures must be >= 1");
    }
}
