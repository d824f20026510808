package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import dev.digitgan.stack.testkit.TopicReader;
import io.minio.StatObjectResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline across process boundaries, as in production: a real KRaft Kafka and a real S3 server
 * (local-stack), the three services started from their packaged jars, a tiny run requested over REST, its
 * checkpoint events read from Kafka, the objects read back from S3, and the result seen from the sampler's and the
 * metrics service's HTTP APIs.
 */
class PipelineIT {

    /** 512 images at batch 64: 8 steps an epoch; two epochs give checkpoints 1 (step 8) and 2 (step 16). */
    private static final int MAX_TRAIN_IMAGES = 512;
    private static final int BATCH_SIZE = 64;
    private static final int EPOCHS = 2;
    private static final long LAST_STEP = (long) EPOCHS * MAX_TRAIN_IMAGES / BATCH_SIZE;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    @Test
    void aTinyRunTravelsFromTrainerThroughKafkaAndS3ToSamplerAndMetrics() throws Exception {
        Path repo = E2ePaths.repoRoot();
        Path mnist = repo.resolve("data/mnist");
        // Fail at once, not after the trainer's readiness wait: the trainer loads these before it takes a request.
        assertThat(mnist.resolve("train-images-idx3-ubyte")).as("MNIST, which the trainer trains on: run "
                + "scripts/fetch-mnist.sh (./digitgan test does)").isRegularFile();
        Path work = E2ePaths.workDir("e2e");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String runId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String adminUser = "e2e-admin";
        // Each service its own account, random per run (the packaged services refuse committed passwords).
        String trainerPassword = UUID.randomUUID().toString();
        String samplerPassword = UUID.randomUUID().toString();

        Timings timings = new Timings();
        List<ServiceProcess> services = new ArrayList<>();
        List<ProcessHandle> started = new ArrayList<>();
        LocalStack stack = LocalStack.onRandomPorts(work.resolve("stack"), S3Credentials.random());
        try {
            LocalStack.Endpoints endpoints = stack.start(ObjectLayout.DEFAULT_BUCKET);
            Arrays.stream(stack.pids()).mapToObj(ProcessHandle::of).flatMap(Optional::stream).forEach(started::add);
            timings.mark("local stack (Kafka + S3Proxy) ready");

            Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
            env.put("DIGITGAN_MNIST_DIR", mnist.toString());
            env.put("OMP_NUM_THREADS", "1");
            env.put("OMP_WAIT_POLICY", "PASSIVE");
            env.put("DIGITGAN_TRAINER_MAX_TRAIN_IMAGES", Integer.toString(MAX_TRAIN_IMAGES));
            env.put("DIGITGAN_TRAINER_INSTANCE_ID", "e2e-trainer");
            env.put("DIGITGAN_SAMPLER_GROUP_ID", "e2e-sampler-" + runId);
            env.put("DIGITGAN_SAMPLER_WORKERS", "1");
            // The test first follows every checkpoint of its run to the sampler (`latest`), then switches to the
            // default `best` and checks that it ends on no worse a model than the shipped one.
            env.put("DIGITGAN_SAMPLER_POLICY", "latest");

            Map<String, String> trainerEnv = new LinkedHashMap<>(env);
            trainerEnv.put("DIGITGAN_TRAINER_ADMIN_USER", adminUser);
            trainerEnv.put("DIGITGAN_TRAINER_ADMIN_PASSWORD", trainerPassword);
            Map<String, String> samplerEnv = new LinkedHashMap<>(env);
            samplerEnv.put("DIGITGAN_SAMPLER_ADMIN_USER", adminUser);
            samplerEnv.put("DIGITGAN_SAMPLER_ADMIN_PASSWORD", samplerPassword);
            ServiceProcess trainer = startService(repo, "trainer-service", trainerEnv, logs, services, started);
            ServiceProcess sampler = startService(repo, "sampler-service", samplerEnv, logs, services, started);
            ServiceProcess metrics = startService(repo, "metrics-service", env, logs, services, started);
            for (ServiceProcess service : services) {
                service.awaitReady(READY_TIMEOUT);
            }
            timings.mark("three services ready (started in parallel)");

            try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers());
                 TopicReader<CheckpointEvent> checkpointTopic = kafka.events(Topics.CHECKPOINTS, CheckpointEvent.class,
                         runId)) {
                // The trainer created the topics before it reported ready; the reader reads from the beginning,
                // so nothing published can be missed.
                requestRun(trainer, runId, adminUser, trainerPassword);
                timings.mark("run requested (202)");

                Map<Long, CheckpointEvent> checkpoints = awaitCheckpoints(checkpointTopic, trainer, runId);
                timings.mark("checkpoint events 1.." + EPOCHS + " observed on Kafka");

                TestS3 s3 = new TestS3(endpoints);
                for (CheckpointEvent event : checkpoints.values()) {
                    verifyStoredObjects(s3, event);
                }
                timings.mark("objects fetched from S3, size + SHA-256 verified");

                CheckpointEvent newest = checkpoints.get((long) EPOCHS);
                verifySamplerServes(sampler, newest);
                timings.mark("sampler serves " + newest.modelVersion());

                verifyMetricsShowRun(metrics, newest);
                timings.mark("metrics show the run's G loss");

                assertThat(checkpoints.values()).as("every checkpoint scored by the trainer")
                        .allMatch(CheckpointEvent::scored);
                verifyBestServesNoWorseThanTheShippedModel(sampler, adminUser, samplerPassword);
                timings.mark("under best, the sampler serves a model no worse than the shipped one");
            }
        } finally {
            // Services first (their shutdown still talks to Kafka), all at once; the stack last.
            services.forEach(ServiceProcess::requestStop);
            services.forEach(ServiceProcess::close);
            stack.close();
            timings.mark("everything stopped");
            System.out.println(timings.report());
            System.out.println("e2e: logs in " + logs);
        }
        assertThat(started).as("processes started by the test (services, Kafka, S3Proxy)").hasSize(5)
                .noneMatch(ProcessHandle::isAlive);
    }

    private static ServiceProcess startService(Path repo, String module, Map<String, String> env, Path logs,
                                               List<ServiceProcess> services, List<ProcessHandle> started) {
        ServiceProcess service = ServiceProcess.start(module,
                repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"), env, logs.resolve(module + ".log"));
        services.add(service);
        started.add(service.handle());
        return service;
    }

    /**
     * Every wait below is an Awaitility poll whose assertion message says what was last seen; a service that died
     * ends the wait at once ({@link ServiceProcess#requireAlive()} throws an IllegalStateException, which
     * Awaitility does not retry).
     */
    private static ConditionFactory poll(String what, Duration timeout) {
        return await(what).atMost(timeout).pollInterval(POLL_INTERVAL).pollInSameThread();
    }

    private void requestRun(ServiceProcess trainer, String runId, String user, String password) throws Exception {
        String body = String.format("{\"runId\":\"%s\",\"preset\":\"mlp\",\"epochs\":%d,\"batchSize\":%d,\"seed\":42}",
                runId, EPOCHS, BATCH_SIZE);
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(trainer.uri("/runs"))
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST /runs %s answered %s%s", body, response.body(), trainer.failureContext())
                .isEqualTo(202);
    }

    /** Reads the checkpoint topic until the run's checkpoints 1..EPOCHS (one per epoch end) are there. */
    private Map<Long, CheckpointEvent> awaitCheckpoints(TopicReader<CheckpointEvent> topic, ServiceProcess trainer,
                                                        String runId) {
        Map<Long, CheckpointEvent> seen = new TreeMap<>();
        poll("checkpoint events 1.." + EPOCHS + " of run " + runId + " on " + Topics.CHECKPOINTS, TRAINING_TIMEOUT)
                .untilAsserted(() -> {
                    trainer.requireAlive();
                    for (CheckpointEvent event : topic.poll()) {
                        // Not assertions: Awaitility retries those, and the wrong record would be gone by then.
                        if (!event.runId().equals(runId)) {
                            throw new IllegalStateException("a record keyed " + runId + " carries run "
                                    + event.runId());
                        }
                        if (seen.put(event.version(), event) != null) {
                            throw new IllegalStateException("checkpoint version " + event.version()
                                    + " announced twice");
                        }
                    }
                    if (!seen.keySet().containsAll(List.of(1L, (long) EPOCHS))) {
                        throw new AssertionError("versions " + seen.keySet() + "; run status "
                                + runStatus(trainer, runId) + trainer.failureContext());
                    }
                });
        return seen;
    }

    private String runStatus(ServiceProcess trainer, String runId) {
        try {
            HttpResponse<String> response = get(trainer.uri("/runs/" + runId));
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void verifyStoredObjects(TestS3 s3, CheckpointEvent event) throws Exception {
        String version = event.modelVersion();
        assertThat(event.bucket()).as("bucket of %s", version).isEqualTo(ObjectLayout.DEFAULT_BUCKET);
        assertThat(event.objectKey()).as("object key of %s", version)
                .isEqualTo(ObjectLayout.checkpointKey(event.runId(), event.version()));
        assertThat(event.step()).as("step of %s (one checkpoint per epoch end)", version)
                .isEqualTo(event.version() * MAX_TRAIN_IMAGES / BATCH_SIZE);

        assertThat(event.bucket()).as("bucket of %s", version).isEqualTo(s3.bucket());
        StatObjectResponse stat = s3.stat(event.objectKey());
        assertThat(stat.size()).as("size in S3 of %s", event.objectKey()).isEqualTo(event.sizeBytes());
        byte[] zip = s3.get(event.objectKey());
        assertThat(zip.length).as("bytes read from %s", event.objectKey()).isEqualTo(event.sizeBytes());
        assertThat(sha256(zip)).as("SHA-256 of %s", event.objectKey()).isEqualTo(event.sha256());
        assertThat(Arrays.copyOf(zip, 4)).as("%s is a zip", event.objectKey())
                .containsExactly('P', 'K', 3, 4);

        byte[] grid = s3.get(event.sampleGridKey());
        assertThat(decodePng(grid, event.sampleGridKey()).getWidth()).isPositive();
    }

    /** Polls the grid until the sampler names the newest checkpoint, then checks what it sent is a real PNG. */
    private void verifySamplerServes(ServiceProcess sampler, CheckpointEvent newest) {
        URI grid = sampler.uri("/digits/grid.png?n=16&seed=7");
        AtomicReference<HttpResponse<byte[]>> served = new AtomicReference<>();
        poll("sampler to serve " + newest.modelVersion(), SERVE_TIMEOUT).untilAsserted(() -> {
            sampler.requireAlive();
            String last;
            try {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(grid).timeout(HTTP_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                String version = answer.headers().firstValue("X-Model-Version").orElse("(none)");
                if (answer.statusCode() == 200 && version.equals(newest.modelVersion())) {
                    served.set(answer);
                    return;
                }
                last = answer.statusCode() + ", X-Model-Version " + version;
            } catch (IOException e) {
                last = e.toString();
            }
            throw new AssertionError("last seen: " + last + sampler.failureContext());
        });
        HttpResponse<byte[]> response = served.get();

        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("X-Model-Step")).hasValue(Long.toString(newest.step()));
        BufferedImage image = decodePng(response.body(), grid.toString());
        // 16 digits in 4 columns of 28 px tiles, each at least 28 px wide and tall.
        assertThat(image.getWidth()).as("grid width").isGreaterThanOrEqualTo(4 * 28);
        assertThat(image.getHeight()).as("grid height").isGreaterThanOrEqualTo(4 * 28);
    }

    /**
     * Issue 10's promise: under the default policy {@code best} the sampler never ends on a model that scores worse
     * than the one it ships. After the tiny run, switching to {@code best} must leave it serving a model whose
     * Fréchet distance (same evaluator, same N) is no worse than the shipped model's.
     */
    private void verifyBestServesNoWorseThanTheShippedModel(ServiceProcess sampler, String user, String password)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(sampler.uri("/models/policy"))
                .timeout(HTTP_TIMEOUT).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"best\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        poll("the sampler under best to serve a model no worse than the shipped one", SERVE_TIMEOUT)
                .untilAsserted(() -> {
                    sampler.requireAlive();
                    JsonNode listing = json.readTree(get(sampler.uri("/models")).body());
                    JsonNode shipped = null;
                    for (JsonNode entry : listing.path("versions")) {
                        if ("shipped".equals(entry.path("model").path("source").asText())) {
                            shipped = entry.path("model").path("quality");
                        }
                    }
                    JsonNode served = listing.path("serving").path("quality");
                    assertThat(shipped).as("the shipped model's scores in " + listing).isNotNull();
                    assertThat(served.isObject()).as("the served model's scores in " + listing).isTrue();
                    assertThat(served.path("samples").asInt()).isEqualTo(shipped.path("samples").asInt());
                    assertThat(served.path("frechetDistance").asDouble()).as(listing.path("policy").toString())
                            .isLessThanOrEqualTo(shipped.path("frechetDistance").asDouble());
                });
    }

    /**
     * Waits until the metrics service has counted the run's last step, then checks that its G loss gauge shows
     * the same value as the checkpoint taken at that step.
     */
    private void verifyMetricsShowRun(ServiceProcess metrics, CheckpointEvent newest) {
        String runId = newest.runId();
        AtomicReference<PrometheusText> scraped = new AtomicReference<>();
        String what = "gan_step{run_id=\"" + runId + "\"} " + newest.step() + " on /q/metrics";
        poll(what, SERVE_TIMEOUT).untilAsserted(() -> {
            metrics.requireAlive();
            String last;
            try {
                HttpResponse<String> response = get(metrics.uri("/q/metrics"));
                PrometheusText text = new PrometheusText(response.body());
                Optional<Double> step = text.sample("gan_step", "run_id", runId);
                if (step.filter(s -> s == newest.step()).isPresent()) {
                    scraped.set(text);
                    return;
                }
                last = response.statusCode() + ", gan_step " + step.map(String::valueOf).orElse("absent");
            } catch (IOException e) {
                last = e.toString();
            }
            throw new AssertionError("last seen: " + last + metrics.failureContext());
        });
        PrometheusText scrape = scraped.get();

        Optional<Double> gLoss = scrape.sample("gan_generator_loss", "run_id", runId);
        assertThat(gLoss).as("gan_generator_loss{run_id=\"%s\"}", runId).isPresent();
        assertThat(gLoss.get()).as("G loss of step %d: metrics vs checkpoint event", newest.step())
                .isCloseTo(newest.generatorLoss(), within(1e-6));
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: GET " + uri, e);
        }
    }

    private static BufferedImage decodePng(byte[] bytes, String what) {
        assertThat(Arrays.copyOf(bytes, 8)).as("PNG signature of %s", what)
                .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("%s decodes as an image", what).isNotNull();
            return image;
        } catch (IOException e) {
            throw new AssertionError(what + " does not decode as a PNG", e);
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
