package dev.digitgan.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalKafka;
import dev.digitgan.stack.StackHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trainer's topic creation on a real broker: every topic gets its policy, existing ones are corrected. */
class KafkaTopicsTest {

    private static Path dir;
    private static LocalKafka kafka;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "kafka-topics-test");
        kafka = new LocalKafka(StackHome.locate(), dir.resolve("kafka"), 0, 0);
        bootstrap = kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void createsEveryTopicWithItsPolicyAndCorrectsOneThatExistedWithTheBrokersDefaults() throws Exception {
        Duration lossRetention = Duration.ofDays(3);
        List<TopicPolicy> policies = Topics.policies(lossRetention);
        try (Admin admin = admin()) {
            // As a consumer that starts before the trainer would have it auto-created: delete, 7 days.
            admin.createTopics(List.of(new NewTopic(Topics.CHECKPOINTS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(configs(admin, Topics.CHECKPOINTS).get(TopicPolicy.RETENTION_MS).value()).isEqualTo("604800000");

            KafkaTopics.ensure(bootstrap, policies, Duration.ofSeconds(60));

            // The broker applies an altered config from the metadata log a moment after the controller took it.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (TopicPolicy policy : policies) {
                    Config config = configs(admin, policy.topic());
                    assertThat(config.get(TopicPolicy.CLEANUP_POLICY).value()).as(policy.topic())
                            .isEqualTo(policy.cleanup().config());
                    assertThat(config.get(TopicPolicy.RETENTION_MS).value()).as(policy.topic())
                            .isEqualTo(Long.toString(policy.retentionMs()));
                }
            });
            assertThat(configs(admin, Topics.CHECKPOINTS).get(TopicPolicy.RETENTION_MS).value())
                    .as("checkpoint events kept for ever").isEqualTo("-1");
            assertThat(configs(admin, Topics.LOSS_EVENTS).get(TopicPolicy.RETENTION_MS).value())
                    .isEqualTo(Long.toString(lossRetention.toMillis()));
            assertThat(configs(admin, Topics.RUN_STATUS).get(TopicPolicy.CLEANUP_POLICY).value()).isEqualTo("compact");
            // The broker's default is 3 partitions (LocalKafka); the run-id claims must have exactly one.
            assertThat(admin.describeTopics(List.of(Topics.RUN_IDS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.RUN_IDS).partitions()).hasSize(1);

            // Idempotent: a second start changes nothing and does not fail.
            KafkaTopics.ensure(bootstrap, policies, Duration.ofSeconds(60));
            assertThat(configs(admin, Topics.CHECKPOINTS).get(TopicPolicy.RETENTION_MS).value()).isEqualTo("-1");
        }
    }

    private static Config configs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> all = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
        return all.get(resource);
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
