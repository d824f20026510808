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
}
