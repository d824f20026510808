package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.Ports;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.StackHome;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system as the fault cases run it: a real Kafka and S3Proxy on fixed ports (so that a stopped server
 * comes back where its clients left it), the three packaged services as child processes, and a second, untouched
 * metrics service as the reference an interrupted one is compared with. The faults are done to these processes;
 * nothing is mocked.
 */
final class ChaosRig implements AutoCloseable {

    /** Stable across restarts: a trainer resumes the runs whose RUNNING status names its instance id. */
    static final String TRAINER_INSTANCE = "chaos-trainer";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** Every case's run: batch 64, a checkpoint every 16 steps (and at each epoch end). */
    static final int BATCH = 64;
    static final int CHECKPOINT_EVERY = 16;
    private static final String ADMIN = "chaos-admin";

    private final Path repo;
    private final Path logs;
    private final LocalStack stack;
    private final LocalStack.Endpoints endpoints;
    private final Map<String, String> trainerEnv;
    private final Map<String, String> metricsEnv;
    private final String trainerPassword = UUID.randomUUID().toString();
    private final TestKafka kafka;
    private final TestS3 s3;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServiceProcess trainer;
    private ServiceProcess metrics;
    private ServiceProcess referenceMetrics;
    private ServiceProcess sampler;
    private int trainerStarts;
    private int metricsStarts;

    private ChaosRig(Path repo, Path work, int maxTrainImages) {
        this.repo = repo;
        this.logs = work.resolve("logs");
        stack = new LocalStack(StackHome.locate(), work.resolve("stack"), Ports.free(), Ports.free(), Ports.free(),
                S3Credentials.random());
        endpoints = stack.start(ObjectLayout.DEFAULT_BUCKET);
        Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
        env.put("DIGITGAN_MNIST_DIR", repo.resolve("data/mnist").toString());
        env.put("OMP_NUM_THREADS", "1");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        trainerEnv = new LinkedHashMap<>(env);
        trainerEnv.put("DIGITGAN_TRAINER_MAX_TRAIN_IMAGES", Integer.toString(maxTrainImages));
        trainerEnv.put("DIGITGAN_TRAINER_INSTANCE_ID", TRAINER_INSTANCE);
        trainerEnv.put("DIGITGAN_TRAINER_ADMIN_USER", ADMIN);
        trainerEnv.put("DIGITGAN_TRAINER_ADMIN_PASSWORD", trainerPassword);
        Map<String, String> samplerEnv = new LinkedHashMap<>(env);
        samplerEnv.put("DIGITGAN_SAMPLER_ADMIN_USER", ADMIN);
        samplerEnv.put("DIGITGAN_SAMPLER_ADMIN_PASSWORD", UUID.randomUUID().toString());
        samplerEnv.put("DIGITGAN_SAMPLER_GROUP_ID", "chaos-sampler-" + UUID.randomUUID());
        samplerEnv.put("DIGITGAN_SAMPLER_WORKERS", "1");
        // Every checkpoint is loaded and swapped in under load, the most reloads a fault can meet.
        samplerEnv.put("DIGITGAN_SAMPLER_POLICY", "latest");
        metricsEnv = env;
        kafka = new TestKafka(endpoints.kafkaBootstrapServers());
        s3 = new TestS3(endpoints);
        try {
            trainer = start("trainer-service", trainerEnv, "trainer-service");
            sampler = start("sampler-service", samplerEnv, "sampler-service");
            metrics = start("metrics-service", metricsEnv, "metrics-service");
            referenceMetrics = start("metrics-service", metricsEnv, "metrics-reference");
            for (ServiceProcess service : new ServiceProcess[] {trainer, sampler, metrics, referenceMetrics}) {
                service.awaitReady(READY_TIMEOUT);
            }
        } catch (RuntimeException | Error e) {
            close(); // a rig that did not start must not leave its processes to the shutdown hooks
            throw e;
        }
    }

    /**
     * @param maxTrainImages the trainer's {@code DIGITGAN_TRAINER_MAX_TRAIN_IMAGES}: an epoch is this many images
     */
    static ChaosRig start(String name, int maxTrainImages) throws Exception {
        Path repo = E2ePaths.repoRoot();
        assertThat(repo.resolve("data/mnist/train-images-idx3-ubyte")).as("MNIST, which the trainer trains on: run "
                + "scripts/fetch-mnist.sh (./digitgan test does)").isRegularFile();
        Path work = E2ePaths.workDir(name);
        Files.createDirectories(work);
        return new ChaosRig(repo, work, maxTrainImages);
    }

    private ServiceProcess start(String module, Map<String, String> env, String name) {
        return ServiceProcess.start(name, repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"), env,
                logs.resolve(name + ".log"));
    }

    LocalStack stack() {
        return stack;
    }

    TestKafka kafka() {
        return kafka;
    }

    TestS3 s3() {
        return s3;
    }

    ServiceProcess trainer() {
        return trainer;
    }

    ServiceProcess sampler() {
        return sampler;
    }

    ServiceProcess metrics() {
        return metrics;
    }

    ServiceProcess referenceMetrics() {
        return referenceMetrics;
    }

    /** SIGKILLs the trainer. */
    void killTrainer() {
        trainer.kill();
    }

    /** Starts the trainer again with the same instance id (so it resumes its runs) and waits until it is ready. */
    void restartTrainer() {
        trainerStarts++;
        // Same log file: one history of the instance, each start headed by ChildProcess's "=== starting" line.
        trainer = start("trainer-service", trainerEnv, "trainer-service");
        trainer.awaitReady(READY_TIMEOUT);
    }

    /** SIGKILLs the metrics service and starts it again (it rebuilds from the topics), waiting until it is ready. */
    void killAndRestartMetrics() {
        metrics.kill();
        metricsStarts++;
        metrics = start("metrics-service", metricsEnv, "metrics-service");
        metrics.awaitReady(READY_TIMEOUT);
    }

    int trainerRestarts() {
        return trainerStarts;
    }

    /** {@code POST /runs} as the admin: preset mlp, seed 42; fails unless 202. */
    void requestRun(String runId, int epochs, int batchSize, int checkpointEverySteps) throws Exception {
        String body = String.format("{\"runId\":\"%s\",\"preset\":\"mlp\",\"epochs\":%d,\"batchSize\":%d,"
                + "\"checkpointIntervalSteps\":%d,\"seed\":42}", runId, epochs, batchSize, checkpointEverySteps);
        String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + trainerPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(trainer.uri("/runs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /runs %s answered %s%s", body, response.body(),
                trainer.failureContext()).isEqualTo(202);
    }

    /** Where the services' logs are, for the report. */
    Path logs() {
        return logs;
    }

    /** Services first (their shutdown still talks to Kafka), side by side; the stack last. */
    @Override
    public void close() {
        ServiceProcess[] services = {trainer, sampler, metrics, referenceMetrics};
        for (ServiceProcess service : services) {
            if (service != null) {
                service.requestStop();
            }
        }
        for (ServiceProcess service : services) {
            if (service != null) {
                service.close();
            }
        }
        kafka.close();
        stack.close();
    }
}
