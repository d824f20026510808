package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

/** The broker configuration, checked by Kafka's own validation (the broker jar is on the test classpath). */
class KafkaServerPropertiesTest {

    private final Properties properties = LocalKafka.serverProperties(Path.of("/data/logs"), 19092, 19093);

    @Test
    void kafkaAcceptsTheConfiguration() {
        KafkaConfig config = KafkaConfig.fromProps(properties, true);
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.numPartitions()).isEqualTo(3);
        assertThat(config.autoCreateTopicsEnable()).isTrue();
        assertThat(config.logDirs()).containsExactly("/data/logs");
    }

    @Test
    void singleNodeSettingsTheTaskAsksFor() {
        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }
}
