package dev.digitgan.sampler.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServingReadinessTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void withAModelAndCaughtUpItIsReady() {
        assertThat(ServingReadiness.of(true, true, Duration.ofSeconds(1), TIMEOUT).ready()).isTrue();
    }

    @Test
    void withoutAModelItIsNotReadyWhateverElse() {
        assertThat(ServingReadiness.of(false, true, Duration.ofHours(1), TIMEOUT).ready()).isFalse();
    }

    @Test
    void whileCatchingUpItIsNotReadyUntilTheCatchUpTimeout() {
        assertThat(ServingReadiness.of(true, false, Duration.ofSeconds(59), TIMEOUT).ready()).isFalse();
        ServingReadiness late = ServingReadiness.of(true, false, Duration.ofSeconds(60), TIMEOUT);
        assertThat(late.ready()).isTrue();
        assertThat(late.reason()).contains("without having caught up");
    }
}
