package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import dev.digitgan.stack.testkit.TopicReader;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's stack: the same data folder gives back topics and objects after a restart. */
class LocalStackRestartTest {

    private final Path dataDir = DataDirs.newUnderTarget();
    private final S3Credentials credentials = S3Credentials.random();

    @AfterEach
    void deleteData() {
        DataDirs.deleteUnlessKept(dataDir);
    }

    @Test
    void recordsAndObjectsSurviveARestartOnTheSameDataFolder() throws Exception {
        String topic = TestKafka.unique("kept");
        String key = "runs/r1/grids/00000001.png";
        byte[] content = "not really a png".getBytes(StandardCharsets.UTF_8);

        long[] firstPids;
        try (LocalStack first = LocalStack.onRandomPorts(dataDir, credentials)) {
            LocalStack.Endpoints endpoints = first.start("digitgan");
            firstPids = first.pids();
            try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers())) {
                kafka.send(topic, "r1", "before restart");
            }
            new TestS3(endpoints).client().putObject(PutObjectArgs.builder()
                    .bucket("digitgan").object(key).userMetadata(Map.of("version", "1"))
                    .stream(new ByteArrayInputStream(content), content.length, -1).build());

            // While it runs, nobody else may use its data folder.
            try (LocalStack intruder = LocalStack.onRandomPorts(dataDir, credentials)) {
                assertThatThrownBy(() -> intruder.start("digitgan"))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
            }
        }
        assertThat(Arrays.stream(firstPids).mapToObj(ProcessHandle::of)
                .anyMatch(p -> p.map(ProcessHandle::isAlive).orElse(false)))
                .as("server processes after close").isFalse();

        try (LocalStack second = LocalStack.onRandomPorts(dataDir, credentials)) {
            LocalStack.Endpoints endpoints = second.start("digitgan");
            try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers());
                 TopicReader<ConsumerRecord<String, byte[]>> reader = kafka.read(topic)) {
                List<ConsumerRecord<String, byte[]>> records =
                        reader.awaitUntil(r -> !r.isEmpty(), Duration.ofSeconds(60));
                assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .containsExactly("before restart");
            }
            MinioClient minio = new TestS3(endpoints).client();
            assertThat(minio.statObject(StatObjectArgs.builder().bucket("digitgan").object(key).build()).userMetadata())
                    .containsEntry("version", "1");
            try (GetObjectResponse object =
                    minio.getObject(GetObjectArgs.builder().bucket("digitgan").object(key).build())) {
                assertThat(object.readAllBytes()).isEqualTo(content);
            }
        }
    }

    /**
     * What the fault suite does to a running stack: each server stopped (the process gone) and started again on its
     * own port and data, while clients that knew the old address go on using it.
     */
    @Test
    void aStoppedBrokerAndS3ComeBackAtTheSameAddressWithTheirData() throws Exception {
        String topic = TestKafka.unique("outage");
        byte[] content = "kept".getBytes(StandardCharsets.UTF_8);
        try (LocalStack stack = new LocalStack(StackHome.locate(), dataDir, Ports.free(), Ports.free(), Ports.free(),
                credentials)) {
            LocalStack.Endpoints endpoints = stack.start("digitgan");
            long brokerPid = stack.kafka().pid();
            try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers())) {
                kafka.send(topic, "r1", "before the stop");
                stack.kafka().stop();
                assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false))
                        .as("the broker process after stop()").isFalse();
                assertThat(stack.kafka().restart()).isEqualTo(endpoints.kafkaBootstrapServers());
                kafka.send(topic, "r1", "after the restart"); // the same producer, the same address
                try (TopicReader<ConsumerRecord<String, byte[]>> reader = kafka.read(topic)) {
                    assertThat(reader.awaitUntil(r -> r.size() >= 2, Duration.ofSeconds(60)))
                            .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                            .containsExactly("before the stop", "after the restart");
                }
            }

            TestS3 s3 = new TestS3(endpoints);
            s3.put("runs/r1/checkpoints/00000001.zip", content, "application/zip");
            stack.s3().stop();
            assertThatThrownBy(() -> s3.get("runs/r1/checkpoints/00000001.zip"))
                    .as("S3 while it is stopped").isInstanceOf(IllegalStateException.class);
            assertThat(stack.s3().restart()).isEqualTo(endpoints.s3Endpoint());
            assertThat(s3.get("runs/r1/checkpoints/00000001.zip")).isEqualTo(content);
            assertThat(s3.list("runs/r1/")).containsExactly("runs/r1/checkpoints/00000001.zip");
        }
    }
}
