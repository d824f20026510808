package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.admission.RenderCost;
import org.junit.jupiter.api.Test;

class WalkRequestTest {

    private static final RequestLimits LIMITS = new RequestLimits(256, 32, 64);

    @Test
    void absentParametersTakeTheDefaults() {
        WalkRequest r = WalkRequest.of(LIMITS, null, null, null, null);
        assertThat(r.steps()).isEqualTo(10);
        assertThat(r.scale()).isEqualTo(2);
        assertThat(r.from()).isBetween(0L, Params.MAX_SEED);
        assertThat(r.to()).isBetween(0L, Params.MAX_SEED);
    }

    @Test
    void everyBoundIsInclusive() {
        assertThat(WalkRequest.of(LIMITS, "0", "0", "2", "1")).isEqualTo(new WalkRequest(0, 0, 2, 1));
        assertThat(WalkRequest.of(LIMITS, "9007199254740991", "9007199254740991", "32", "8"))
                .isEqualTo(new WalkRequest(Params.MAX_SEED, Params.MAX_SEED, 32, 8));
    }

    @Test
    void eachParameterOutOfRangeIsNamedWithItsRange() {
        assertMessage(LIMITS, "-1", "1", null, null, "from must be in 0..9007199254740991, got -1");
        assertMessage(LIMITS, "1", "9007199254740992", null, null,
                "to must be in 0..9007199254740991, got 9007199254740992");
        assertMessage(LIMITS, "1", "2", "1", null, "steps must be in 2..32, got 1");
        assertMessage(LIMITS, "1", "2", "33", null, "steps must be in 2..32, got 33");
        assertMessage(new RequestLimits(256, 8, 64), "1", "2", "9", null, "steps must be in 2..8, got 9");
        assertMessage(LIMITS, "1", "2", null, "0", "scale must be in 1..8, got 0");
        assertMessage(LIMITS, "1", "2", null, "9", "scale must be in 1..8, got 9");
    }

    @Test
    void theCostIsTheWalksRenderCost() {
        assertThat(WalkRequest.of(LIMITS, "1", "2", "32", "8").cost()).isEqualTo(RenderCost.walk(32, 8));
    }

    @Test
    void theConstructorRefusesWhatNoConfigurationAllowsWithTheSameMessages() {
        GridRequestTest.assertConstructor(() -> new WalkRequest(-1, 0, 2, 1),
                "from must be in 0..9007199254740991, got -1");
        GridRequestTest.assertConstructor(() -> new WalkRequest(0, Long.MAX_VALUE, 2, 1),
                "to must be in 0..9007199254740991, got " + Long.MAX_VALUE);
        GridRequestTest.assertConstructor(() -> new WalkRequest(0, 0, 1, 1), "steps must be at least 2, got 1");
        GridRequestTest.assertConstructor(() -> new WalkRequest(0, 0, 2, 9), "scale must be in 1..8, got 9");
    }

    private static void assertMessage(RequestLimits limits, String from, String to, String steps, String scale,
                                      String message) {
        assertThatThrownBy(() -> WalkRequest.of(limits, from, to, steps, scale))
                .isInstanceOf(BadParameterException.class).hasMessage(message);
    }
}
