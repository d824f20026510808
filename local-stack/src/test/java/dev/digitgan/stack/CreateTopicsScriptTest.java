package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.model.events.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment's topic script (k8s/base/kafka/create-topics.sh, also docker-compose's kafka-topics service) run
 * for real against a broker, with the Kafka command-line tools laid out as the compose stand-in image lays them out:
 * every topic ends with the cleanup policy, retention and fixed partition count of {@link Topics#policies}, the
 * script's default loss retention is {@link Topics#DEFAULT_LOSS_RETENTION}, and a topic that existed with the
 * broker's defaults (as one auto-created by a consumer that came first) is corrected.
 */
class CreateTopicsScriptTest {

    private static Path dataDir;
    private static LocalKafka kafka;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        dataDir = DataDirs.newUnderTarget();
        kafka = new LocalKafka(StackHome.locate(), dataDir.resolve("kafka"), 0, 0);
        bootstrap = kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
        DataDirs.deleteUnlessKept(dataDir);
    }

    @Test
    void everyTopicEndsWithThePolicyOfTopicsEvenWhereItExistedWithTheBrokersDefaults() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.RUN_STATUS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(configs(admin, Topics.RUN_STATUS).get(TopicPolicy.CLEANUP_POLICY).value()).isEqualTo("delete");
        }

        run(repoRoot().resolve("k8s/base/kafka/create-topics.sh"));

        try (Admin admin = admin()) {
            for (TopicPolicy policy : Topics.policies(Topics.DEFAULT_LOSS_RETENTION)) {
                Config config = configs(admin, policy.topic());
                assertThat(config.get(TopicPolicy.CLEANUP_POLICY).value()).as(policy.topic())
                        .isEqualTo(policy.cleanup().config());
                assertThat(config.get(TopicPolicy.RETENTION_MS).value()).as(policy.topic())
                        .isEqualTo(Long.toString(policy.retentionMs()));
                if (policy.partitions() != null) {
                    // DIGITGAN_TOPIC_PARTITIONS is 2 below: a fixed count must not follow it.
                    assertThat(admin.describeTopics(List.of(policy.topic())).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(policy.topic()).partitions()).as(policy.topic() + " partitions")
                            .hasSize(policy.partitions());
                }
            }
        }
    }

    private static void run(Path script) throws IOException, InterruptedException {
        Path home = kafkaHome();
        Path log = dataDir.resolve("create-topics.log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_HOME", home.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("DIGITGAN_TOPIC_PARTITIONS", "2");
        env.put("DIGITGAN_TRAINING_REQUEST_PARTITIONS", "2");
        env.put("LOG_DIR", dataDir.resolve("tool-logs").toString());
        env.put("KAFKA_HEAP_OPTS", "-Xmx128m");
        Process process = builder.start();
        boolean done = process.waitFor(4, TimeUnit.MINUTES);
        String output = Files.readString(log);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done).as("the script finished in 4 minutes; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("create-topics: digitgan.run-status: setting cleanup.policy=compact");
    }

    /** bin and config of the compose stand-in image, and libs: the broker's jars plus the tools'. */
    private static Path kafkaHome() throws IOException {
        Path home = dataDir.resolve("kafka-home");
        Path images = repoRoot().resolve("deploy/local-images/kafka");
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("bin"), images.resolve("bin"));
        Files.createSymbolicLink(home.resolve("config"), images.resolve("config"));
        Path libs = Files.createDirectories(home.resolve("libs"));
        try (Stream<Path> jars = Files.list(StackHome.locate().dir().resolve("kafka"))) {
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(libs.resolve(jar.getFileName()), jar);
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path link = libs.resolve(jar.getFileName());
            if (jar.getFileName().toString().startsWith("kafka-tools-") && !Files.exists(link)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        return home;
    }

    private static Config configs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static Path repoRoot() {
        return Path.of(System.getProperty(StackHome.REPO_ROOT_PROPERTY, "..")).toAbsolutePath().normalize();
    }
}
