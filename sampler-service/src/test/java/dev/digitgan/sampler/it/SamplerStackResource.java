package dev.digitgan.sampler.it;

import dev.digitgan.stack.LocalStackTestResource;
import java.util.Map;

/**
 * The real Kafka and S3 of {@link LocalStackTestResource}, plus two checkpoints of run {@value #CATCH_UP_RUN}
 * published BEFORE the application starts, so a test can show that a fresh sampler catches up with
 * what was published before it existed. Every integration test class uses exactly this resource (one
 * application start for all of them).
 */
public class SamplerStackResource extends LocalStackTestResource {

    public static final String CATCH_UP_RUN = "catch-up";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try (TrainerStandIn trainer = new TrainerStandIn(config)) {
            trainer.publishGood(CATCH_UP_RUN, 1);
            trainer.publishGood(CATCH_UP_RUN, 2);
        }
        return config;
    }
}
