package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.admission.RenderCost;
import org.junit.jupiter.api.Test;

class DigitRequestTest {

    @Test
    void absentParametersTakeTheDefaults() {
        DigitRequest r = DigitRequest.of(null, null, null);
        assertThat(r.index()).isZero();
        assertThat(r.scale()).isEqualTo(4);
        assertThat(r.seed()).isBetween(0L, Params.MAX_SEED);
    }

    @Test
    void everyBoundIsInclusive() {
        assertThat(DigitRequest.of("0", "0", "1")).isEqualTo(new DigitRequest(0, 0, 1));
        assertThat(DigitRequest.of("4095", "9007199254740991", "16"))
                .isEqualTo(new DigitRequest(4095, Params.MAX_SEED, 16));
    }

    @Test
    void eachParameterOutOfRangeIsNamedWithItsRange() {
        assertMessage("-1", null, null, "index must be in 0..4095, got -1");
        assertMessage("4096", null, null, "index must be in 0..4095, got 4096");
        assertMessage("x.png", null, null, "index must be an integer in 0..4095, got 'x.png'");
        assertMessage(null, "-1", null, "seed must be in 0..9007199254740991, got -1");
        assertMessage(null, "1", "0", "scale must be in 1..16, got 0");
        assertMessage(null, "1", "17", "scale must be in 1..16, got 17");
    }

    @Test
    void theFirstBadParameterInComponentOrderIsReported() {
        assertMessage("1", "-1", "17", "seed must be in 0..9007199254740991, got -1");
    }

    @Test
    void theCostIsTheDigitsRenderCost() {
        assertThat(DigitRequest.of("3", "1", "16").cost()).isEqualTo(RenderCost.digit(16));
    }

    @Test
    void theConstructorRefusesEveryOutOfRangeValueWithTheSameMessages() {
        GridRequestTest.assertConstructor(() -> new DigitRequest(-1, 1, 1), "index must be in 0..4095, got -1");
        GridRequestTest.assertConstructor(() -> new DigitRequest(4096, 1, 1), "index must be in 0..4095, got 4096");
        GridRequestTest.assertConstructor(() -> new DigitRequest(0, -5, 1),
                "seed must be in 0..9007199254740991, got -5");
        GridRequestTest.assertConstructor(() -> new DigitRequest(0, 1, 0), "scale must be in 1..16, got 0");
        GridRequestTest.assertConstructor(() -> new DigitRequest(0, 1, 17), "scale must be in 1..16, got 17");
    }

    private static void assertMessage(String index, String seed, String scale, String message) {
        assertThatThrownBy(() -> DigitRequest.of(index, seed, scale))
                .isInstanceOf(BadParameterException.class).hasMessage(message);
    }
}
