package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.stack.testkit.TestS3;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The Quarkus test resource, driven directly as Quarkus would (init, start, stop). */
class LocalStackTestResourceTest {

    private static final List<String> CONFIG_KEYS = List.of("kafka.bootstrap.servers", "digitgan.s3.endpoint",
            "digitgan.s3.access-key", "digitgan.s3.secret-key", "digitgan.s3.bucket");

    @Test
    void dedicatedStackServesTheReturnedConfigAndIsGoneAfterStop() throws Exception {
        LocalStackTestResource resource = new LocalStackTestResource();
        resource.init(Map.of(LocalStackTestResource.SHARED_ARG, "false", LocalStackTestResource.BUCKET_ARG, "models"));
        Map<String, String> config = resource.start();
        Path dataDir;
        try {
            assertThat(config).containsOnlyKeys(CONFIG_KEYS).containsEntry("digitgan.s3.bucket", "models");
            assertServesConfig(config);
            dataDir = dataDirOf(config);
        } finally {
            resource.stop();
        }
        assertThat(dataDir).as("data folder after stop").doesNotExist();
        assertThat(acceptsConnections(config.get("kafka.bootstrap.servers"))).as("Kafka port after stop").isFalse();
        URI s3 = URI.create(config.get("digitgan.s3.endpoint"));
        assertThat(acceptsConnections(s3.getHost() + ":" + s3.getPort())).as("S3 port after stop").isFalse();
    }

    @Test
    void sharedStackIsStartedOnceAndOutlivesStop() throws Exception {
        LocalStackTestResource first = new LocalStackTestResource();
        first.init(Map.of());
        Map<String, String> firstConfig = first.start();
        first.stop();

        LocalStackTestResource second = new LocalStackTestResource();
        second.init(Map.of(LocalStackTestResource.BUCKET_ARG, "second-bucket"));
        Map<String, String> secondConfig = second.start();
        try {
            assertThat(firstConfig).containsEntry("digitgan.s3.bucket", "digitgan");
            assertThat(secondConfig).containsEntry("digitgan.s3.bucket", "second-bucket");
            for (String key : List.of("kafka.bootstrap.servers", "digitgan.s3.endpoint", "digitgan.s3.secret-key")) {
                assertThat(secondConfig.get(key)).as(key).isEqualTo(firstConfig.get(key));
            }
            assertServesConfig(firstConfig);
            assertServesConfig(secondConfig);
        } finally {
            second.stop();
        }
        assertThat(acceptsConnections(secondConfig.get("kafka.bootstrap.servers")))
                .as("shared Kafka after stop (lives until JVM exit)").isTrue();
    }

    @Test
    void badInitArgsAreRejected() {
        LocalStackTestResource resource = new LocalStackTestResource();
        assertThatThrownBy(() -> resource.init(Map.of(LocalStackTestResource.SHARED_ARG, "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared");
        assertThatThrownBy(() -> resource.init(Map.of(LocalStackTestResource.BUCKET_ARG, "Bad_Bucket")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket");
    }

    private static void assertServesConfig(Map<String, String> config) throws Exception {
        MinioClient minio = TestS3.client(URI.create(config.get("digitgan.s3.endpoint")),
                new S3Credentials(config.get("digitgan.s3.access-key"), config.get("digitgan.s3.secret-key")));
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(config.get("digitgan.s3.bucket")).build()))
                .as("bucket exists").isTrue();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers")))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    /** The data folder, found from the S3Proxy config that names the endpoint. */
    private static Path dataDirOf(Map<String, String> config) throws IOException {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        try (var dirs = Files.list(target)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("local-stack-"))
                    .filter(d -> {
                        try {
                            return Files.readString(d.resolve("s3").resolve("s3proxy.conf"))
                                    .contains(config.get("digitgan.s3.endpoint").replace(":", "\\:"));
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst().orElseThrow(() -> new AssertionError("no data folder under " + target));
        }
    }

    private static boolean acceptsConnections(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1))),
                    (int) Duration.ofSeconds(1).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
