package dev.digitgan.sampler.api;

import dev.digitgan.sampler.config.SamplerConfig;

/**
 * The request limits that are configuration ({@code digitgan.sampler.max-grid}, {@code max-walk-steps},
 * {@code max-json}); the fixed ones are {@link Params}' constants. Every request record is built against one of
 * these, so HTTP and gRPC check the same numbers.
 */
public record RequestLimits(int maxGrid, int maxWalkSteps, int maxJson) {

    public static RequestLimits of(SamplerConfig config) {
        return new RequestLimits(config.maxGrid(), config.maxWalkSteps(), config.maxJson());
    }
}
