package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.admission.RenderCost;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class GridRequestTest {

    private static final RequestLimits LIMITS = new RequestLimits(256, 32, 64);

    @Test
    void absentParametersTakeTheDefaults() {
        GridRequest r = GridRequest.of(LIMITS, null, null, null, null);
        assertThat(r.n()).isEqualTo(64);
        assertThat(r.columns()).isEqualTo(8);
        assertThat(r.scale()).isEqualTo(2);
        assertThat(r.seed()).isBetween(0L, Params.MAX_SEED);
        assertThat(GridRequest.of(LIMITS, "10", "1", null, null).columns()).isEqualTo(4); // ceil(sqrt(10))
    }

    @Test
    void everyBoundIsInclusive() {
        assertThat(GridRequest.of(LIMITS, "1", "0", "1", "1")).isEqualTo(new GridRequest(1, 0, 1, 1));
        assertThat(GridRequest.of(LIMITS, "256", "9007199254740991", "256", "8"))
                .isEqualTo(new GridRequest(256, Params.MAX_SEED, 256, 8));
    }

    @Test
    void theConfiguredLimitIsTheBound() {
        assertThat(GridRequest.of(new RequestLimits(300, 32, 64), "300", "1", null, null).n()).isEqualTo(300);
        assertMessage(new RequestLimits(16, 32, 64), "17", "1", null, null, "n must be in 1..16, got 17");
    }

    @Test
    void eachParameterOutOfRangeIsNamedWithItsRange() {
        assertMessage(LIMITS, "0", null, null, null, "n must be in 1..256, got 0");
        assertMessage(LIMITS, "257", null, null, null, "n must be in 1..256, got 257");
        assertMessage(LIMITS, null, "-1", null, null, "seed must be in 0..9007199254740991, got -1");
        assertMessage(LIMITS, null, "9007199254740992", null, null,
                "seed must be in 0..9007199254740991, got 9007199254740992");
        assertMessage(LIMITS, null, "1", "0", null, "columns must be in 1..256, got 0");
        assertMessage(LIMITS, null, "1", "257", null, "columns must be in 1..256, got 257");
        assertMessage(LIMITS, null, "1", null, "0", "scale must be in 1..8, got 0");
        assertMessage(LIMITS, null, "1", null, "9", "scale must be in 1..8, got 9");
        assertMessage(LIMITS, "ten", null, null, null, "n must be an integer in 1..256, got 'ten'");
    }

    @Test
    void theFirstBadParameterInComponentOrderIsReported() {
        assertMessage(LIMITS, "1", "-1", "0", "9", "seed must be in 0..9007199254740991, got -1");
    }

    @Test
    void theCostIsTheGridsRenderCost() {
        assertThat(GridRequest.of(LIMITS, "256", "1", null, "8").cost()).isEqualTo(RenderCost.grid(256, 8));
    }

    @Test
    void theConstructorRefusesWhatNoConfigurationAllowsWithTheSameMessages() {
        assertConstructor(() -> new GridRequest(0, 1, 1, 1), "n must be at least 1, got 0");
        assertConstructor(() -> new GridRequest(1, -1, 1, 1), "seed must be in 0..9007199254740991, got -1");
        assertConstructor(() -> new GridRequest(1, Params.MAX_SEED + 1, 1, 1),
                "seed must be in 0..9007199254740991, got 9007199254740992");
        assertConstructor(() -> new GridRequest(1, 1, 0, 1), "columns must be at least 1, got 0");
        assertConstructor(() -> new GridRequest(1, 1, 1, 0), "scale must be in 1..8, got 0");
        assertConstructor(() -> new GridRequest(1, 1, 1, 9), "scale must be in 1..8, got 9");
        // the grid limit is configuration: a record cannot know it, of(...) checks it
        assertThat(new GridRequest(100_000, 1, 1, 8).n()).isEqualTo(100_000);
    }

    static void assertConstructor(ThrowingCallable build, String message) {
        assertThatThrownBy(build).isInstanceOf(BadParameterException.class).hasMessage(message);
    }

    private static void assertMessage(RequestLimits limits, String n, String seed, String columns, String scale,
                                      String message) {
        assertThatThrownBy(() -> GridRequest.of(limits, n, seed, columns, scale))
                .isInstanceOf(BadParameterException.class).hasMessage(message);
    }
}
