package dev.digitgan.sampler;

import java.util.Optional;

/** Sampler settings for unit tests: 2 workers, fast retries. */
public class TestConfig implements SamplerConfig {

    @Override
    public int workers() {
        return 2;
    }

    @Override
    public int maxGrid() {
        return 256;
    }

    @Override
    public int maxJson() {
        return 64;
    }

    @Override
    public int maxWalkSteps() {
        return 32;
    }

    @Override
    public long maxCheckpointBytes() {
        return 1 << 26;
    }

    @Override
    public Optional<String> shippedModel() {
        return Optional.empty();
    }

    @Override
    public int fetchAttempts() {
        return 3;
    }

    @Override
    public long fetchRetryMillis() {
        return 300;
    }
}
