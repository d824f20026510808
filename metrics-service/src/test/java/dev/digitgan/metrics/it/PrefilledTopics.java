package dev.digitgan.metrics.it;

import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

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
        Properties p = new Properties();
        p.put("bootstrap.servers", config.get("kafka.bootstrap.servers"));
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            send(producer, Topics.LOSS_EVENTS, runId, log.losses());
            send(producer, Topics.RUN_STATUS, runId, log.statuses());
            send(producer, Topics.CHECKPOINTS, runId, log.checkpoints());
            producer.flush();
        }
        System.setProperty(RUN_PROPERTY, runId);
        return config;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, List<String> values) {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    @Override
    public void stop() {
        stack.stop();
    }
}
