package dev.digitgan.sampler.it;

import dev.digitgan.model.checkpoint.CheckpointBytes;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.GeneratorPart;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.Topics;
import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.testkit.StackConfig;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import java.time.Instant;
import java.util.Map;

/**
 * What a trainer does, for tests: store checkpoint bytes in the real S3 and then publish the checkpoint
 * event on the real Kafka (or store and announce wrong things on purpose), through local-stack's test kit.
 */
public final class TrainerStandIn implements AutoCloseable {

    private final TestKafka kafka;
    private final TestS3 s3;
    private final EventCodec codec = new EventCodec();

    public TrainerStandIn(LocalStack.Endpoints endpoints) {
        this.kafka = new TestKafka(endpoints.kafkaBootstrapServers());
        this.s3 = new TestS3(endpoints);
    }

    /** From a test resource's configuration (before the application starts). */
    public TrainerStandIn(Map<String, String> config) {
        this(StackConfig.from(config));
    }

    /** From the running application's configuration (inside a @QuarkusTest). */
    public static TrainerStandIn fromConfig() {
        return new TrainerStandIn(StackConfig.fromRunningApplication());
    }

    /** Stores a tiny working checkpoint of {@code runId@version}, then announces it with its generator part. */
    public CheckpointEvent publishGood(String runId, long version) {
        CheckpointBytes encoded = TinyGenerators.encoded(runId, version);
        put(ObjectLayout.checkpointKey(runId, version), encoded.zip());
        return announce(event(runId, version, encoded.zip().length, ModelLoader.sha256(encoded.zip()), Instant.now())
                .withGeneratorPart(part(encoded)));
    }

    /** The generator part of {@code encoded}, as the trainer announces it. */
    public static GeneratorPart part(CheckpointBytes encoded) {
        return new GeneratorPart(encoded.generatorPartBytes(), encoded.generatorPartSha256());
    }

    /** Stores a tiny working checkpoint of a conditional model {@code runId@version}, then announces it. */
    public CheckpointEvent publishConditional(String runId, long version) {
        byte[] bytes = TinyGenerators.conditionalCheckpoint(runId, version);
        put(ObjectLayout.checkpointKey(runId, version), bytes);
        return announce(new CheckpointEvent(Event.SCHEMA_VERSION, runId, version, s3.bucket(),
                ObjectLayout.checkpointKey(runId, version), bytes.length, ModelLoader.sha256(bytes),
                TinyGenerators.conditionalSpec(version), (int) version, version * 100, 1.0 + version, 2.0 + version,
                ObjectLayout.gridKey(runId, version), Instant.now()));
    }

    /**
     * Stores checkpoint bytes made elsewhere (a trainer's file) under the run and version their manifest names,
     * then announces them with the manifest's spec.
     */
    public CheckpointEvent publishCheckpoint(byte[] bytes) throws java.io.IOException {
        CheckpointManifest m = CheckpointFormat.readManifest(new java.io.ByteArrayInputStream(bytes));
        put(ObjectLayout.checkpointKey(m.runId(), m.version()), bytes);
        return announce(new CheckpointEvent(Event.SCHEMA_VERSION, m.runId(), m.version(), s3.bucket(),
                ObjectLayout.checkpointKey(m.runId(), m.version()), bytes.length, ModelLoader.sha256(bytes), m.spec(),
                m.epoch(), m.step(), m.losses() == null ? Double.NaN : m.losses().dLoss(),
                m.losses() == null ? Double.NaN : m.losses().gLoss(), ObjectLayout.gridKey(m.runId(), m.version()),
                Instant.now()));
    }

    public void put(String key, byte[] bytes) {
        s3.put(key, bytes, "application/zip");
    }

    public CheckpointEvent announce(CheckpointEvent event) {
        kafka.send(Topics.CHECKPOINTS, event.runId(), codec.encode(event));
        return event;
    }

    public void sendRaw(String key, byte[] value) {
        kafka.send(Topics.CHECKPOINTS, key, value);
    }

    public CheckpointEvent event(String runId, long version, long size, String sha, Instant createdAt) {
        return new CheckpointEvent(Event.SCHEMA_VERSION, runId, version, s3.bucket(),
                ObjectLayout.checkpointKey(runId, version), size, sha, TinyGenerators.spec(version), (int) version,
                version * 100, 1.0 + version, 2.0 + version, ObjectLayout.gridKey(runId, version), createdAt);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
