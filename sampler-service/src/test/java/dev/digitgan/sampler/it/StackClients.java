package dev.digitgan.sampler.it;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.Topics;
import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.model.ModelLoader;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a trainer does, for tests: store checkpoint bytes in the real S3 and then publish the checkpoint
 * event on the real Kafka (or store and announce wrong things on purpose).
 */
public final class StackClients implements AutoCloseable {

    private final MinioClient minio;
    private final KafkaProducer<String, byte[]> producer;
    private final String bucket;
    private final EventCodec codec = new EventCodec();

    public StackClients(Map<String, String> config) {
        this(config.get("kafka.bootstrap.servers"), config.get("digitgan.s3.endpoint"), config.get("digitgan.s3.access-key"),
                config.get("digitgan.s3.secret-key"), config.get("digitgan.s3.bucket"));
    }

    public StackClients(String bootstrap, String s3Endpoint, String accessKey, String secretKey, String bucket) {
        this.minio = MinioClient.builder().endpoint(s3Endpoint).credentials(accessKey, secretKey).build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.bucket = bucket;
    }

    /** From the running application's configuration (inside a @QuarkusTest). */
    public static StackClients fromConfig() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new StackClients(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("digitgan.s3.endpoint", String.class),
                config.getValue("digitgan.s3.access-key", String.class),
                config.getValue("digitgan.s3.secret-key", String.class),
                config.getValue("digitgan.s3.bucket", String.class));
    }

    /** Stores a tiny working checkpoint of {@code runId@version}, then announces it. */
    public CheckpointEvent publishGood(String runId, long version) {
        byte[] bytes = TinyGenerators.checkpoint(runId, version);
        put(ObjectLayout.checkpointKey(runId, version), bytes);
        return announce(event(runId, version, bytes.length, ModelLoader.sha256(bytes), Instant.now()));
    }

    public void put(String key, byte[] bytes) {
        try {
            minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("application/zip").build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot store " + key, e);
        }
    }

    public CheckpointEvent announce(CheckpointEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, event.runId(), codec.encode(event))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event.modelVersion(), e);
        }
        return event;
    }

    public void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    public CheckpointEvent event(String runId, long version, long size, String sha, Instant createdAt) {
        return new CheckpointEvent(Event.SCHEMA_VERSION, runId, version, bucket, ObjectLayout.checkpointKey(runId, version),
                size, sha, TinyGenerators.spec(version), (int) version, version * 100, 1.0 + version, 2.0 + version,
                ObjectLayout.gridKey(runId, version), createdAt);
    }

    @Override
    public void close() {
        producer.close();
    }
}
