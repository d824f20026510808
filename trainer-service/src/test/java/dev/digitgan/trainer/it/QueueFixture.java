package dev.digitgan.trainer.it;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.trainer.kafka.AckWait;
import dev.digitgan.trainer.kafka.KafkaLiveTrainers;
import dev.digitgan.trainer.kafka.KafkaRunIdLog;
import dev.digitgan.trainer.kafka.KafkaTopics;
import dev.digitgan.trainer.kafka.RequestWorker;
import dev.digitgan.trainer.kafka.RunIdLogTakeoverClaims;
import dev.digitgan.trainer.kafka.RunStatusView;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.kafka.TrainerPresence;
import dev.digitgan.trainer.queue.TakeoverScan;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.training.MnistSource;
import dev.digitgan.trainer.training.RunTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Extra trainer instances inside the test JVM, built from the same classes the service wires together and
 * talking to the real broker and S3 server. They use a request topic and consumer group of their own, so the
 * application's own worker (which shares this JVM) does not take their requests; everything else (statuses,
 * loss events, checkpoints, S3 layout) is the real thing.
 */
final class QueueFixture {

    final String kafka;
    final String topic;
    final String group;
    private final TrainerEvents events;
    private final CheckpointStore store;
    private final MnistSource mnist;
    private final EventCodec codec = new EventCodec();

    QueueFixture(String kafka, TrainerEvents events, CheckpointStore store, MnistSource mnist) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.kafka = kafka;
        this.topic = "test.training-requests." + suffix;
        KafkaTopics.ensure(kafka, List.of(new TopicPolicy(topic, TopicPolicy.Cleanup.DELETE, null, "test queue")),
                Duration.ofSeconds(30));
        this.group = "test-trainers-" + suffix;
        this.events = events;
        this.store = store;
        this.mnist = mnist;
    }

    /**
     * A trainer instance: its own run-status view, run-id view, presence and worker thread, started. It resumes its
     * own runs only (take-over-others off): the topics are shared with the other tests' runs, some of which are left
     * RUNNING on purpose.
     */
    Instance start(String instanceId, boolean checkpointOnShutdown) {
        RunStatusView view = new RunStatusView(kafka, instanceId);
        view.start();
        KafkaRunIdLog runIds = new KafkaRunIdLog(kafka, instanceId);
        runIds.start();
        TrainerPresence presence = new TrainerPresence(new TrainerPresence.Settings(instanceId, kafka,
                group + "-presence", Topics.RUN_CONTROL, Duration.ofSeconds(6)), () -> { });
        presence.start();
        KafkaLiveTrainers live = new KafkaLiveTrainers(kafka, group + "-presence");
        RunTrainer trainer = new RunTrainer(new RunTrainer.Settings(instanceId, checkpointOnShutdown, 2000), events,
                store, mnist);
        Duration catchUp = Duration.ofSeconds(30);
        TakeoverScan takeovers = new TakeoverScan(instanceId, view, new RunIdLogTakeoverClaims(runIds, instanceId,
                catchUp, new AckWait(catchUp, "test")), live, catchUp, false);
        RequestWorker worker = new RequestWorker(new RequestWorker.Settings(instanceId, kafka, topic, group,
                Duration.ofMillis(200), catchUp), view, trainer, events, takeovers);
        worker.start();
        return new Instance(view, worker, runIds, presence, live);
    }

    /** Queues a run as the REST endpoint does: REQUESTED status first, then the request. */
    void request(String runId, int epochs, int checkpointIntervalSteps) throws Exception {
        Instant now = Instant.now();
        TrainingRequest request = new TrainingRequest(Event.SCHEMA_VERSION, runId, "mlp", epochs, 64, null, null,
                checkpointIntervalSteps, 11L, "test", now);
        events.status(new RunStatus(SchemaVersions.RUN_STATUS, runId, RunStatus.State.REQUESTED, "mlp", 0, epochs, 0, 0,
                0, null, "requested by test", now, null)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (TestKafka producer = new TestKafka(kafka)) {
            producer.send(topic, runId, codec.encode(request));
        }
    }

    /** Puts raw bytes on the request topic, as a broken producer would. */
    void publishRaw(String key, byte[] value) {
        try (TestKafka producer = new TestKafka(kafka)) {
            producer.send(topic, key, value);
        }
    }

    record Instance(RunStatusView view, RequestWorker worker, KafkaRunIdLog runIds, TrainerPresence presence,
                    KafkaLiveTrainers live) implements AutoCloseable {
        @Override
        public void close() {
            worker.close();
            presence.close();
            live.close();
            runIds.close();
            view.close();
        }
    }
}
