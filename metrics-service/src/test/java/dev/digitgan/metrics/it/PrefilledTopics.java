package dev.digitgan.metrics.it;

import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.testkit.StackConfig;
import dev.digitgan.stack.testkit.TestKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The JVM's shared local stack, with a crash-and-resume history of one run (losses, statuses, checkpoints with
 * and without quality scores) published BEFORE the application
 * starts: the application then builds its state from the topics alone, as a restarted service does. Being a
 * different test resource from the other classes', it also makes Quarkus start the application anew.
 */
public class PrefilledTopics implements QuarkusTestResourceLifecycleManager {

    /** System property carrying the prefilled run's id to the test (resources and tests may not share statics). */
    static final String RUN_PROPERTY = "digitgan.it.prefilled-run";

    private final LocalStackTestResource stack = new LocalStackTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        stack.init(Map.of());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = stack.start();
        String runId = "it-restart-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        RestartLog.Log log = RestartLog.of(runId);
        try (TestKafka kafka = new TestKafka(StackConfig.from(config).kafkaBootstrapServers())) {
            log.losses().forEach(value -> kafka.sendAsync(Topics.LOSS_EVENTS, runId, value));
            log.statuses().forEach(value -> kafka.sendAsync(Topics.RUN_STATUS, runId, value));
            log.checkpoints().forEach(value -> kafka.sendAsync(Topics.CHECKPOINTS, runId, value));
            kafka.flush();
        }
        System.setProperty(RUN_PROPERTY, runId);
        return config;
    }

    @Override
    public void stop() {
        stack.stop();
    }
}
