package dev.digitgan.trainer.it;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.trainer.kafka.KafkaTopics;
import dev.digitgan.trainer.kafka.RequestWorker;
import dev.digitgan.trainer.kafka.RunStatusView;
import dev.digitgan.trainer.kafka.TrainerEvents;
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

    /** A trainer instance: its own run-status view and worker thread, started. */
    Instance start(String instanceId, boolean checkpointOnShutdown) {
        RunStatusView view = new RunStatusView(kafka, instanceId);
        view.start();
        RunTrainer trainer = new RunTrainer(new RunTrainer.Settings(instanceId, checkpointOnShutdown, 2000), events,
                store, mnist);
        RequestWorker worker = new RequestWorker(new RequestWorker.Settings(instanceId, kafka, topic, group,
                Duration.ofMillis(200), Duration.ofSeconds(30)), view, trainer, events);
        worker.start();
        return new Instance(view, worker);
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

    record Instance(RunStatusView view, RequestWorker worker) implements AutoCloseable {
        @Override
        public void close() {
            worker.close();
            view.close();
        }
    }
}
