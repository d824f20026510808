package dev.digitgan.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void reportsNothingBeforeTheFirstStep() {
        ProgressMeter meter = new ProgressMeter(10, nanos::get);
        assertThat(meter.imagesPerSecond()).isZero();
        assertThat(meter.timeLeft(100)).isEmpty();
    }

    @Test
    void speedIsImagesOverTimeWithinTheWindow() {
        ProgressMeter meter = new ProgressMeter(10, nanos::get);
        for (int i = 0; i < 4; i++) {
            advance(Duration.ofMillis(250));
            meter.stepDone(256);
        }
        assertThat(meter.imagesPerSecond()).isEqualTo(1024.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(meter.timeLeft(8)).contains(Duration.ofSeconds(2));
    }

    @Test
    void oldStepsLeaveTheWindowSoASlowStartIsForgotten() {
        ProgressMeter meter = new ProgressMeter(2, nanos::get);
        advance(Duration.ofSeconds(10)); // a slow first step (JIT warm-up)
        meter.stepDone(100);
        advance(Duration.ofSeconds(1));
        meter.stepDone(100);
        advance(Duration.ofSeconds(1));
        meter.stepDone(100);
        assertThat(meter.imagesPerSecond()).isEqualTo(100.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(meter.secondsPerStep()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void humanDurationsAreCompact() {
        assertThat(ProgressMeter.human(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(ProgressMeter.human(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(ProgressMeter.human(Duration.ofMinutes(62))).isEqualTo("1h02m");
        assertThat(ProgressMeter.human(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new ProgressMeter(0, nanos::get)).hasMessageContaining("window");
    }
}
