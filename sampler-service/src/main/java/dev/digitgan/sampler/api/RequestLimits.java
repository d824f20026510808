package dev.digitgan.sampler.api;

import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.model.DigitSampler;

/**
 * The request limits that are configuration ({@code digitgan.sampler.max-grid}, {@code max-walk-steps},
 * {@code max-json}, {@code max-number-length}); the fixed ones are {@link Params}' constants. Every request record
 * is built against one of these, so HTTP and gRPC check the same numbers.
 *
 * @param maxNumberLength most digits {@code number.png} writes
 */
public record RequestLimits(int maxGrid, int maxWalkSteps, int maxJson, int maxNumberLength) {

    /** With the default {@link SamplerConfig#DEFAULT_MAX_NUMBER_LENGTH}. */
    public RequestLimits(int maxGrid, int maxWalkSteps, int maxJson) {
        this(maxGrid, maxWalkSteps, maxJson, SamplerConfig.DEFAULT_MAX_NUMBER_LENGTH);
    }

    public static RequestLimits of(SamplerConfig config) {
        return new RequestLimits(config.maxGrid(), config.maxWalkSteps(), config.maxJson(),
                config.maxNumberLength());
    }

    /** Largest {@code per-class} of the class grid: its ten rows hold at most {@link #maxGrid} digits. */
    public int maxPerClass() {
        return Math.max(1, maxGrid / DigitSampler.CLASS_ROWS);
    }
}
