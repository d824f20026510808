package dev.digitgan.trainer.kafka;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.model.events.Topics;
import dev.digitgan.trainer.api.RunIdClaim;
import dev.digitgan.trainer.api.RunIdLog;
import dev.digitgan.trainer.queue.ConsumerHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * {@link RunIdLog} on {@link Topics#RUN_IDS}: a producer of its own (acks=all, idempotent) and a view that keeps
 * the first claim of every id, read from the beginning on every start ({@link TopicFollower}). A plain producer
 * rather than an emitter: a second instance of it (a test's second trainer) must be one constructor away.
 */
public final class KafkaRunIdLog implements RunIdLog, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaRunIdLog.class);
    /**
     * Longest a send may block the request thread for the topic's metadata (the producer's default is 60 s); past it
     * the send fails as retriable and the caller's acknowledgement wait decides.
     */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    /** Longest the first claim waits for the topic to be created with its one partition. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json = new EventCodec().mapper();
    private final Map<String, RunIdClaim> first = new ConcurrentHashMap<>();
    private final String topic;
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private volatile boolean topicEnsured;
    private final TopicFollower follower;

    public KafkaRunIdLog(String bootstrapServers, String name) {
        this(bootstrapServers, name, Topics.RUN_IDS);
    }

    public KafkaRunIdLog(String bootstrapServers, String name, String topic) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "run-ids-" + name);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.follower = new TopicFollower(bootstrapServers, "run-ids-view", name, topic, this::apply);
    }

    public void start() {
        follower.start();
    }

    @Override
    public CompletionStage<Void> append(RunIdClaim claim) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            ensureTopic();
        } catch (TimeoutException | RuntimeException e) {
            acked.completeExceptionally(new org.apache.kafka.common.errors.UnknownTopicOrPartitionException(
                    "cannot make sure " + topic + " exists with one partition: " + e.getMessage(), e));
            return acked;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acked.completeExceptionally(e);
            return acked;
        }
        byte[] value;
        try {
            value = json.writeValueAsBytes(claim);
        } catch (JacksonException e) {
            acked.completeExceptionally(e);
            return acked;
        }
        try {
            producer.send(new ProducerRecord<>(topic, claim.runId(), value), (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e); // no metadata within MAX_BLOCK, or a closed producer
        }
        return acked;
    }

    /**
     * Creates the topic with its one partition before the first claim if it is not there. Otherwise the producer's
     * first send would have the broker auto-create it with the broker's default partition count (seen in a test
     * whose trainer could not create its topics at start), and with several partitions nothing can be decided.
     */
    private void ensureTopic() throws TimeoutException, InterruptedException {
        if (topicEnsured) {
            return;
        }
        synchronized (this) {
            if (!topicEnsured) {
                KafkaTopics.ensure(bootstrapServers, List.of(policy()), CREATE_TIMEOUT);
                topicEnsured = true;
            }
        }
    }

    /** {@code Topics.policies}' policy of the run-id log; a test's topic of another name gets the same. */
    private TopicPolicy policy() {
        TopicPolicy ids = Topics.policies(Topics.DEFAULT_LOSS_RETENTION).stream()
                .filter(p -> p.topic().equals(Topics.RUN_IDS)).findFirst().orElseThrow();
        return new TopicPolicy(topic, ids.cleanup(), ids.retention(), ids.partitions(), ids.why());
    }

    @Override
    public Optional<RunIdClaim> first(String runId) {
        return Optional.ofNullable(first.get(runId));
    }

    @Override
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        follower.awaitCaughtUp(timeout);
    }

    @Override
    public int partitions() {
        return follower.partitionCount();
    }

    /** The view's health, for readiness. */
    public ConsumerHealth health() {
        return follower.health();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        follower.close();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            RunIdClaim claim = json.readValue(record.value(), RunIdClaim.class);
            first.putIfAbsent(claim.runId(), claim);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // Unreadable bytes claim nothing; a person finds them in the log (the topic is kept for ever).
            LOG.warnf("skipping unreadable run-id claim at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
