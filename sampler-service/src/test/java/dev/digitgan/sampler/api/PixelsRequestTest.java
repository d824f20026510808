package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.admission.RenderCost;
import org.junit.jupiter.api.Test;

class PixelsRequestTest {

    private static final RequestLimits LIMITS = new RequestLimits(256, 32, 64);

    @Test
    void absentParametersTakeTheDefaults() {
        PixelsRequest r = PixelsRequest.of(LIMITS, null, null);
        assertThat(r.n()).isEqualTo(1);
        assertThat(r.seed()).isBetween(0L, Params.MAX_SEED);
    }

    @Test
    void everyBoundIsInclusive() {
        assertThat(PixelsRequest.of(LIMITS, "1", "0")).isEqualTo(new PixelsRequest(1, 0));
        assertThat(PixelsRequest.of(LIMITS, "64", "9007199254740991"))
                .isEqualTo(new PixelsRequest(64, Params.MAX_SEED));
    }

    @Test
    void eachParameterOutOfRangeIsNamedWithItsRange() {
        assertMessage(LIMITS, "0", null, "n must be in 1..64, got 0");
        assertMessage(LIMITS, "65", null, "n must be in 1..64, got 65");
        assertMessage(new RequestLimits(256, 32, 4), "5", null, "n must be in 1..4, got 5");
        assertMessage(LIMITS, "1", "-1", "seed must be in 0..9007199254740991, got -1");
        assertMessage(LIMITS, "1", "1e3", "seed must be an integer in 0..9007199254740991, got '1e3'");
    }

    @Test
    void theCostIsTheJsonRenderCost() {
        assertThat(PixelsRequest.of(LIMITS, "64", "1").cost()).isEqualTo(RenderCost.pixels(64));
    }

    @Test
    void theConstructorRefusesWhatNoConfigurationAllowsWithTheSameMessages() {
        GridRequestTest.assertConstructor(() -> new PixelsRequest(0, 0), "n must be at least 1, got 0");
        GridRequestTest.assertConstructor(() -> new PixelsRequest(-3, 0), "n must be at least 1, got -3");
        GridRequestTest.assertConstructor(() -> new PixelsRequest(1, -1),
                "seed must be in 0..9007199254740991, got -1");
    }

    private static void assertMessage(RequestLimits limits, String n, String seed, String message) {
        assertThatThrownBy(() -> PixelsRequest.of(limits, n, seed))
                .isInstanceOf(BadParameterException.class).hasMessage(message);
    }
}
