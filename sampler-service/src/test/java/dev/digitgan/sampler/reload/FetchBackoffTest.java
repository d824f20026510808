package dev.digitgan.sampler.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FetchBackoffTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final FetchBackoff backoff = new FetchBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), now::get);

    @Test
    void theDelayDoublesUpToTheMaximumAndNeverGivesUp() {
        assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(30));
        }
        assertThat(backoff.failures("run@1")).isEqualTo(105);
        assertThat(backoff.failures("run@2")).isZero();
    }

    @Test
    void aVersionWaitsUntilItsRetryTimeAndAResetForgetsItsFailures() {
        assertThat(backoff.waiting("run@1")).isFalse();
        backoff.failed("run@1");
        assertThat(backoff.waiting("run@1")).isTrue();
        assertThat(backoff.waiting("run@2")).isFalse();
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(backoff.waiting("run@1")).isTrue();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(backoff.waiting("run@1")).isFalse();

        backoff.failed("run@1");
        backoff.reset("run@1");
        assertThat(backoff.waiting("run@1")).isFalse();
        assertThat(backoff.failed("run@1")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void delaysMustBePositiveAndOrdered() {
        assertThatThrownBy(() -> new FetchBackoff(Duration.ZERO, Duration.ofSeconds(1), now::get))
                .hasMessageContaining("0 < first <= max");
        assertThatThrownBy(() -> new FetchBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), now::get))
                .hasMessageContaining("0 < first <= max");
    }
}
