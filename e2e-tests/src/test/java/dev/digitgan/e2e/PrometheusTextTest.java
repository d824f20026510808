package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private final PrometheusText text = new PrometheusText("""
            # HELP gan_generator_loss G loss of the latest step
            # TYPE gan_generator_loss gauge
            gan_generator_loss{run_id="run-a"} 1.25
            gan_generator_loss{run_id="run-b"} 0.5
            gan_generator_loss_moving_average{run_id="run-c"} 7.0
            gan_step{job="x",run_id="run-b"} 16.0
            gan_d_fake{run_id="run-b"} NaN
            gan_broken{run_id="run-b"} oops
            """);

    @Test
    void findsTheSampleOfTheRunAmongOthers() {
        assertThat(text.sample("gan_generator_loss", "run_id", "run-b")).hasValue(0.5);
        assertThat(text.sample("gan_generator_loss", "run_id", "run-a")).hasValue(1.25);
        assertThat(text.sample("gan_step", "run_id", "run-b")).hasValue(16.0);
    }

    @Test
    void aLongerMetricNameOrAnotherRunIsNotAMatch() {
        assertThat(text.sample("gan_generator_loss", "run_id", "run-c")).isEmpty();
        assertThat(text.sample("gan_generator_loss", "run_id", "run")).isEmpty();
        assertThat(text.sample("gan_step", "run_id", "run-a")).isEmpty();
    }

    @Test
    void theSeriesOfARunAreEverySampleUnderThePrefixWithItsLabel() {
        assertThat(text.series("gan_", "run_id", "run-b")).containsExactly(
                entry("gan_broken{run_id=\"run-b\"}", "oops"),
                entry("gan_d_fake{run_id=\"run-b\"}", "NaN"),
                entry("gan_generator_loss{run_id=\"run-b\"}", "0.5"),
                entry("gan_step{job=\"x\",run_id=\"run-b\"}", "16.0"));
        assertThat(text.series("gan_generator_loss", "run_id", "run-c")).containsOnlyKeys(
                "gan_generator_loss_moving_average{run_id=\"run-c\"}");
        assertThat(text.series("jvm_", "run_id", "run-b")).isEmpty();
    }

    @Test
    void nanIsANumberButGarbageIsAnError() {
        assertThat(text.sample("gan_d_fake", "run_id", "run-b")).hasValueSatisfying(v -> assertThat(v).isNaN());
        assertThatThrownBy(() -> text.sample("gan_broken", "run_id", "run-b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'oops'");
    }
}
