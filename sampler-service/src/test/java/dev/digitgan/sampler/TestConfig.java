package dev.digitgan.sampler;

import dev.digitgan.sampler.config.SamplerConfig;
import java.time.Duration;
import java.util.Optional;

/** Sampler settings for unit tests: 2 workers, fast retries, policy latest unless told otherwise. */
public class TestConfig implements SamplerConfig {

    private final String policy;
    private final double bestMargin;

    public TestConfig() {
        this("latest", 0.1);
    }

    public TestConfig(String policy, double bestMargin) {
        this.policy = policy;
        this.bestMargin = bestMargin;
    }

    @Override
    public String groupId() {
        return "test-sampler";
    }

    @Override
    public dev.digitgan.support.security.AdminConfig admin() {
        return new dev.digitgan.support.security.AdminConfig() {
            @Override
            public Optional<String> user() {
                return Optional.empty();
            }

            @Override
            public Optional<String> password() {
                return Optional.empty();
            }
        };
    }

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
    public int maxNumberLength() {
        return DEFAULT_MAX_NUMBER_LENGTH;
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
    public Duration fetchRetryDelay() {
        return Duration.ofMillis(300);
    }

    @Override
    public Duration fetchRetryMaxDelay() {
        return Duration.ofMillis(1200);
    }

    @Override
    public Duration policyPublishTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public int maxKilledLoads() {
        return 2;
    }

    @Override
    public Optional<String> stateDir() {
        return Optional.empty();
    }

    @Override
    public String policy() {
        return policy;
    }

    @Override
    public double bestMargin() {
        return bestMargin;
    }

    @Override
    public Admission admission() {
        return new Admission() {
            @Override
            public long inFlight() {
                return 0;
            }

            @Override
            public long queued() {
                return -1;
            }

            @Override
            public Duration maxWait() {
                return Duration.ofSeconds(2);
            }

            @Override
            public double heapShare() {
                return 0.25;
            }

            @Override
            public long cheapCost() {
                return 1000;
            }

            @Override
            public double cheapReserve() {
                return 0.1;
            }

            @Override
            public Duration retryAfter() {
                return Duration.ofSeconds(1);
            }
        };
    }

    @Override
    public Health health() {
        return new Health() {
            @Override
            public Duration probeInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration probeTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration catchUpTimeout() {
                return Duration.ofSeconds(60);
            }
        };
    }
}
