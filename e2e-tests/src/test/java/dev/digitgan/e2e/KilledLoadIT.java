package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint whose load kills the packaged sampler (a real JVM with a small heap and
 * {@code -XX:+ExitOnOutOfMemoryError}, as the image runs it) does not crash-loop it: the process dies in the load
 * {@code max-killed-loads} (2) times, and the third start, with the same state folder and group id (a container
 * restarted in its pod), refuses the version as {@code killed_load} without fetching it and serves the shipped model.
 * The checkpoint is valid and within every limit; it is only too large for this replica's heap.
 */
@Tag("slow")
class KilledLoadIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** About 14.8 M parameters (59 MB of float32 once inflated, under CheckpointLimits' 16 Mi), zeros: a tiny file. */
    private static final GanSpec LARGE = Presets.mlp().withGeneratorHidden(List.of(4000, 3000));
    /** What HotSpot logs when -XX:+ExitOnOutOfMemoryError ends the process. */
    private static final String OOM_EXIT = "Terminating due to java.lang.OutOfMemoryError";

    @Test
    void aVersionWhoseLoadKillsTheProcessIsRefusedAtTheThirdStart() throws Exception {
        // surefire and failsafe set digitgan.repo.root (root pom), as PipelineIT reads it
        Path repo = Path.of(System.getProperty("digitgan.repo.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(repo.resolve("e2e-tests/target/killed-load-" + System.nanoTime()));
        String runId = "big-" + Long.toHexString(System.nanoTime());
        LocalStack stack = LocalStack.onRandomPorts(work.resolve("stack"), S3Credentials.random());
        try {
            LocalStack.Endpoints endpoints = stack.start(ObjectLayout.DEFAULT_BUCKET);
            byte[] checkpoint = largeCheckpoint(runId);
            new TestS3(endpoints).put(ObjectLayout.checkpointKey(runId, 1), checkpoint, "application/zip");
            CheckpointEvent event = new CheckpointEvent(SchemaVersions.CHECKPOINT_EVENT, runId, 1,
                    ObjectLayout.DEFAULT_BUCKET, ObjectLayout.checkpointKey(runId, 1), checkpoint.length,
                    sha256(checkpoint), LARGE, 1, 100, 1.0, 1.0, ObjectLayout.gridKey(runId, 1), Instant.now(), null);
            try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers())) {
                kafka.send(Topics.CHECKPOINTS, runId, new EventCodec().encode(event));
            }

            Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
            env.put("DIGITGAN_SAMPLER_GROUP_ID", "killed-load-" + runId); // the pod's name: the same on each start
            env.put("DIGITGAN_SAMPLER_STATE_DIR", work.resolve("sampler-state").toString());
            env.put("DIGITGAN_SAMPLER_POLICY", "latest");
            env.put("DIGITGAN_SAMPLER_WORKERS", "1");
            // The packaged sampler does not start without an admin account of its own (AdminPasswordCheck).
            env.put("DIGITGAN_SAMPLER_ADMIN_USER", "e2e-admin");
            env.put("DIGITGAN_SAMPLER_ADMIN_PASSWORD", UUID.randomUUID().toString());
            env.put("OMP_NUM_THREADS", "1");
            env.put("JAVA_TOOL_OPTIONS", "-Xmx128m -XX:+ExitOnOutOfMemoryError");
            Path jar = repo.resolve("sampler-service/target/quarkus-app/quarkus-run.jar");

            for (int start = 1; start <= 2; start++) {
                long started = System.nanoTime();
                try (ServiceProcess sampler = ServiceProcess.start("sampler-service", jar, env,
                        work.resolve("sampler-" + start + ".log"))) {
                    await("start " + start + " to die in the load").atMost(START_TIMEOUT)
                            .pollInterval(Duration.ofMillis(200)).until(() -> !sampler.handle().isAlive());
                    String log = Files.readString(work.resolve("sampler-" + start + ".log"));
                    assertThat(log).as("start %d died of the load", start).contains(OOM_EXIT);
                    System.out.printf("killed-load: start %d died %d ms after it was started%n", start,
                            (System.nanoTime() - started) / 1_000_000);
                }
            }

            try (ServiceProcess sampler = ServiceProcess.start("sampler-service", jar, env,
                    work.resolve("sampler-3.log"))) {
                String version = runId + "@1";
                await("start 3 to refuse " + version).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            sampler.requireAlive();
                            return rejected(sampler, version) != null;
                        });
                assertThat(rejected(sampler, version))
                        .startsWith("killed_load: 2 loads of " + version + " never finished");
                HttpResponse<byte[]> grid = HTTP.send(HttpRequest.newBuilder(
                        sampler.uri("/digits/grid.png?n=4&seed=1")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(grid.statusCode()).isEqualTo(200);
                assertThat(grid.headers().firstValue("X-Model-Version")).hasValueSatisfying(
                        v -> assertThat(v).startsWith("shipped-"));
                Thread.sleep(3000); // still alive a moment later: nothing retried it
                sampler.requireAlive();
                assertThat(Files.readString(work.resolve("sampler-3.log"))).doesNotContain(OOM_EXIT);
            }
        } finally {
            stack.close();
        }
    }

    private static String rejected(ServiceProcess sampler, String version) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(sampler.uri("/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            for (JsonNode known : new ObjectMapper().readTree(response.body()).path("versions")) {
                if (version.equals(known.path("model").path("modelVersion").asText())
                        && known.hasNonNull("rejected")) {
                    return known.get("rejected").asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Format 2 by hand (e2e-tests has no DL4J): manifest, then {@code generator.bin} of zeros for {@link #LARGE}. */
    private static byte[] largeCheckpoint(String runId) throws Exception {
        long parameters = 0;
        int in = LARGE.latentSize();
        for (int width : LARGE.generatorHidden()) {
            parameters += (long) in * width + width;
            in = width;
        }
        parameters += (long) in * GanSpec.IMAGE_PIXELS + GanSpec.IMAGE_PIXELS;
        byte[] generator = new byte[Math.toIntExact(parameters * Float.BYTES)];
        CheckpointManifest manifest = CheckpointManifest.of(runId, 1, LARGE, 1, 100, Instant.now(), null)
                .withSha256(Map.of("generator.bin", sha256(generator)));
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(json.writeValueAsBytes(manifest));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("generator.bin"));
            zip.write(generator);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
