package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import dev.digitgan.stack.testkit.TopicReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Take-over with two real trainer processes on a real broker and S3 server: the instance that trains a run is
 * SIGKILLed after a few checkpoints, and the other, which was idle, resumes the run from its newest checkpoint once
 * the killed one has been out of the presence group for the take-over time, and finishes it. Every checkpoint
 * version is announced exactly once, and after the kill only the survivor publishes. Prints the figures.
 */
class TakeoverIT {

    /** 8,192 images at batch 64: 128 steps an epoch; 4 epochs, a checkpoint every 32 steps: versions 1..16. */
    private static final int TRAIN_IMAGES = 8192;
    private static final int BATCH_SIZE = 64;
    private static final int EPOCHS = 4;
    private static final int CHECKPOINT_EVERY = 32;
    private static final long LAST_STEP = (long) EPOCHS * TRAIN_IMAGES / BATCH_SIZE;
    private static final long VERSIONS = LAST_STEP / CHECKPOINT_EVERY;
    /** The checkpoint after which the trainer is killed. */
    private static final long KILL_AFTER_VERSION = 3;
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(6);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    /** How the owner is taken out after checkpoint {@link #KILL_AFTER_VERSION}. */
    private enum Fault {
        /** SIGKILL: it never comes back. */
        KILLED,
        /** SIGSTOP until the other has taken the run over, then SIGCONT: it comes back believing it owns the run. */
        FROZEN
    }

    @Test
    void theIdleTrainerResumesTheRunOfAKilledOneExactlyOnceAndFinishesIt() throws Exception {
        takeOver(Fault.KILLED);
    }

    @Test
    void aFrozenOwnerThatThawsAfterTheTakeOverIsFencedAndWritesNothingMore() throws Exception {
        takeOver(Fault.FROZEN);
    }

    private void takeOver(Fault fault) throws Exception {
        Path repo = E2ePaths.repoRoot();
        Path mnist = repo.resolve("data/mnist");
        assertThat(mnist.resolve("train-images-idx3-ubyte")).as("MNIST (scripts/fetch-mnist.sh)").isRegularFile();
        Path work = E2ePaths.workDir("takeover");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String runId = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "e2e-admin";
        String password = UUID.randomUUID().toString();

        Map<String, ServiceProcess> trainers = new LinkedHashMap<>();
        LocalStack stack = LocalStack.onRandomPorts(work.resolve("stack"), S3Credentials.random());
        try {
            LocalStack.Endpoints endpoints = stack.start(ObjectLayout.DEFAULT_BUCKET);
            for (String id : List.of("trainer-a", "trainer-b")) {
                Map<String, String> env = new LinkedHashMap<>(endpoints.environment());
                env.put("DIGITGAN_MNIST_DIR", mnist.toString());
                env.put("OMP_NUM_THREADS", "1");
                env.put("OMP_WAIT_POLICY", "PASSIVE");
                env.put("DIGITGAN_TRAINER_INSTANCE_ID", id);
                env.put("DIGITGAN_TRAINER_TAKEOVER_AFTER", TAKEOVER_AFTER.toSeconds() + "s");
                env.put("DIGITGAN_TRAINER_MAX_TRAIN_IMAGES", Integer.toString(TRAIN_IMAGES));
                env.put("DIGITGAN_TRAINER_QUALITY_CHECKPOINT_SAMPLES", "200");
                env.put("DIGITGAN_TRAINER_QUALITY_FINAL_SAMPLES", "500");
                env.put("DIGITGAN_TRAINER_ADMIN_USER", user);
                env.put("DIGITGAN_TRAINER_ADMIN_PASSWORD", password);
                trainers.put(id, ServiceProcess.start(id, repo.resolve("trainer-service/target/quarkus-app/"
                        + "quarkus-run.jar"), env, logs.resolve(id + ".log")));
            }
            for (ServiceProcess trainer : trainers.values()) {
                trainer.awaitReady(Duration.ofSeconds(180));
            }

            try (TestKafka kafka = new TestKafka(endpoints.kafkaBootstrapServers());
                 TopicReader<CheckpointEvent> checkpoints = kafka.events(Topics.CHECKPOINTS, CheckpointEvent.class,
                         runId);
                 TopicReader<RunStatus> statuses = kafka.events(Topics.RUN_STATUS, RunStatus.class, runId);
                 TopicReader<LossEvent> losses = kafka.events(Topics.LOSS_EVENTS, LossEvent.class, runId)) {
                requestRun(trainers.get("trainer-a"), runId, user, password);

                checkpoints.awaitUntil(seen -> seen.stream().anyMatch(e -> e.version() >= KILL_AFTER_VERSION),
                        Duration.ofSeconds(180));
                String owner = statuses.awaitUntil(seen -> seen.stream().anyMatch(s -> s.trainer() != null),
                        Duration.ofSeconds(30)).stream().map(RunStatus::trainer).filter(t -> t != null)
                        .reduce((a, b) -> b).orElseThrow();
                ServiceProcess victim = trainers.get(owner);
                Instant killedAt = Instant.now();
                if (fault == Fault.KILLED) {
                    victim.kill();
                } else {
                    victim.pause();
                }
                String survivor = trainers.keySet().stream().filter(id -> !id.equals(owner)).findFirst().orElseThrow();
                long stepAtKill = losses.drain(Duration.ofSeconds(1)).stream().mapToLong(LossEvent::step).max()
                        .orElse(0);
                long checkpointStepAtKill = checkpoints.drain(Duration.ofMillis(500)).stream()
                        .mapToLong(CheckpointEvent::step).max().orElseThrow();

                if (fault == Fault.FROZEN) {
                    statuses.awaitUntil(seen -> seen.stream().anyMatch(st -> survivor.equals(st.trainer())),
                            Duration.ofSeconds(120));
                    victim.resume(); // it goes on where it was, until a write of it is refused
                }
                List<RunStatus> all = statuses.awaitUntil(seen -> !seen.isEmpty()
                        && seen.get(seen.size() - 1).state() == RunStatus.State.FINISHED, Duration.ofSeconds(300),
                        each -> trainers.get(survivor).requireAlive());
                List<RunStatus> afterKill = all.stream().dropWhile(s -> !survivor.equals(s.trainer())).toList();
                assertThat(afterKill).as("statuses from the survivor's first on").isNotEmpty();
                RunStatus resumed = afterKill.get(0);
                // The survivor's first status is written when it starts training the run (same machine's clock).
                double resumedAfter = Duration.between(killedAt, resumed.updatedAt()).toMillis() / 1000.0;
                assertThat(afterKill).as("after the take-over only %s publishes", survivor)
                        .allMatch(s -> survivor.equals(s.trainer()));
                assertThat(resumed.step()).as("resumed from the newest checkpoint").isEqualTo(checkpointStepAtKill);
                // The session ends the take-over time after the last heartbeat, which was up to a third of it before
                // the kill.
                assertThat(resumedAfter).as("not taken over before the take-over time")
                        .isGreaterThanOrEqualTo(TAKEOVER_AFTER.toMillis() * 2 / 3 / 1000.0 - 0.5);

                List<CheckpointEvent> announced = checkpoints.drain(Duration.ofSeconds(2));
                Map<Long, Long> perVersion = announced.stream()
                        .collect(Collectors.groupingBy(CheckpointEvent::version, TreeMap::new, Collectors.counting()));
                List<Long> missing = LongStream.rangeClosed(1, VERSIONS).filter(v -> !perVersion.containsKey(v))
                        .boxed().toList();
                long duplicated = perVersion.values().stream().filter(n -> n > 1).count();
                List<String> claims = takeoverClaims(kafka, runId);
                RunStatus last = all.get(all.size() - 1);
                System.out.printf("take-over (%s): %s taken out at step %d (newest checkpoint at step %d); %s resumed"
                        + " from step %d %.1f s after it was taken out (take-over time %d s); steps retrained %d;"
                        + " checkpoint versions 1..%d: %d missing, %d duplicated; take-over claims %s; run %s by %s%n",
                        fault, owner, stepAtKill, checkpointStepAtKill, survivor, resumed.step(), resumedAfter,
                        TAKEOVER_AFTER.toSeconds(), Math.max(0, stepAtKill - checkpointStepAtKill), VERSIONS,
                        missing.size(), duplicated, claims, last.state(), last.trainer());

                assertThat(missing).as("checkpoint versions never announced").isEmpty();
                assertThat(duplicated).as("checkpoint versions announced more than once").isZero();
                assertThat(all.get(all.size() - 1).trainer()).isEqualTo(survivor);
                assertThat(all.get(all.size() - 1).step()).isEqualTo(LAST_STEP);
                assertThat(claims).as("claims of the run's take-over: the survivor's, one").hasSize(1)
                        .allMatch(c -> c.endsWith(" by " + survivor));
                TestS3 s3 = new TestS3(endpoints);
                for (CheckpointEvent event : announced) {
                    assertThat(sha256(s3.get(event.objectKey()))).as("S3 holds the announced bytes of %s",
                            event.modelVersion()).isEqualTo(event.sha256());
                }
                if (fault == Fault.FROZEN) {
                    victim.requireAlive();
                    assertThat(victim.logTail(400)).as("the thawed owner learned it lost the run")
                            .contains("was taken over by another trainer instance");
                }
            }
        } finally {
            trainers.values().forEach(ServiceProcess::requestStop);
            trainers.values().forEach(ServiceProcess::close);
            stack.close();
            System.out.println("take-over: logs in " + logs);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The run's take-over claims on the run-id log, in log order, as "key by instance". */
    private static List<String> takeoverClaims(TestKafka kafka, String runId) {
        try (TopicReader<ConsumerRecord<String, byte[]>> log = kafka.read(Topics.RUN_IDS)) {
            Function<ConsumerRecord<String, byte[]>, String> describe = r -> {
                String json = new String(r.value(), StandardCharsets.UTF_8);
                int at = json.indexOf("\"instance\":\"");
                String instance = at < 0 ? "?" : json.substring(at + 12, json.indexOf('"', at + 12));
                return r.key() + " by " + instance;
            };
            List<String> claims = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : log.drain(Duration.ofSeconds(1))) {
                if (record.key() != null && record.key().startsWith(runId + "@")) {
                    claims.add(describe.apply(record));
                }
            }
            return claims;
        }
    }

    private void requestRun(ServiceProcess trainer, String runId, String user, String password) throws Exception {
        String body = String.format("{\"runId\":\"%s\",\"preset\":\"mlp\",\"epochs\":%d,\"batchSize\":%d,"
                + "\"checkpointIntervalSteps\":%d,\"seed\":42}", runId, EPOCHS, BATCH_SIZE, CHECKPOINT_EVERY);
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(trainer.uri("/runs"))
                .timeout(HTTP_TIMEOUT).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /runs answered %s%s", response.body(), trainer.failureContext())
                .isEqualTo(202);
    }
}
