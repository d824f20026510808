package dev.digitgan.sampler.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeStatusTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void anAnsweredProbeIsUp() {
        assertThat(ProbeStatus.of(NOW, TIMEOUT, null, NOW.minusSeconds(3), null).up()).isTrue();
    }

    @Test
    void aProbeWaitingLongerThanTheTimeoutIsDownWhateverCameBefore() {
        ProbeStatus status = ProbeStatus.of(NOW, TIMEOUT, NOW.minusSeconds(7), NOW.minusSeconds(8), null);
        assertThat(status.up()).isFalse();
        assertThat(status.detail()).startsWith("no answer for 7 s");
    }

    @Test
    void aProbeWaitingLessThanTheTimeoutKeepsThePreviousAnswer() {
        assertThat(ProbeStatus.of(NOW, TIMEOUT, NOW.minusSeconds(1), NOW.minusSeconds(6), null).up()).isTrue();
        assertThat(ProbeStatus.of(NOW, TIMEOUT, NOW.minusSeconds(1), NOW.minusSeconds(6), "refused").up()).isFalse();
    }

    @Test
    void aFailedProbeIsDownWithItsError() {
        ProbeStatus status = ProbeStatus.of(NOW, TIMEOUT, null, NOW, "ConnectException: refused");
        assertThat(status.up()).isFalse();
        assertThat(status.detail()).contains("ConnectException: refused");
    }

    @Test
    void beforeAnyAnswerItIsDown() {
        assertThat(ProbeStatus.of(NOW, TIMEOUT, null, null, null)).isEqualTo(new ProbeStatus(false, "not probed yet"));
    }
}
