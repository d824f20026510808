package dev.digitgan.stack.testkit;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain kafka-clients on the test broker, as another service (or a person reading dead letters) uses it: one
 * idempotent producer ({@code acks=all}) for everything this test sends, readers of whole topics, and members of
 * consumer groups. String keys, byte values; events go through the contract's {@link EventCodec}.
 */
public final class TestKafka implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    public TestKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Inside a {@code @QuarkusTest}: the broker the application was given. */
    public static TestKafka fromRunningApplication() {
        return new TestKafka(StackConfig.fromRunningApplication().kafkaBootstrapServers());
    }

    /** {@code prefix-} and 8 random hex digits: topic, group and run names that no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Sends and waits until the broker has it. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + record.topic() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("send to " + record.topic() + " not acknowledged within " + SEND_TIMEOUT,
                    e);
        }
    }

    public RecordMetadata send(String topic, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    public RecordMetadata send(String topic, String key, String value) {
        return send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends without waiting; a later {@link #flush()}, waiting send or {@link #close()} delivers it. */
    public void sendAsync(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void sendAsync(String topic, String key, String value) {
        sendAsync(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends every event keyed by its run id (EventCodec JSON) and waits until the broker has them all. */
    public void publish(String topic, List<? extends Event> events) {
        for (Event event : events) {
            sendAsync(topic, event.runId(), codec.encode(event));
        }
        flush();
    }

    public void publish(String topic, Event... events) {
        publish(topic, List.of(events));
    }

    public void flush() {
        producer.flush();
    }

    /** Every record of {@code topic} from its beginning, whatever its key. */
    public TopicReader<ConsumerRecord<String, byte[]>> read(String topic) {
        return read(bootstrap, topic);
    }

    /** The values of {@code topic}'s records keyed {@code key}, from the beginning, decoded by {@code decode}. */
    public <T> TopicReader<T> read(String topic, String key, Function<byte[], T> decode) {
        return new TopicReader<>(readerConsumer(bootstrap), topic,
                record -> key.equals(record.key()) ? decode.apply(record.value()) : null);
    }

    /** One run's events on {@code topic} (records keyed by its run id), from the beginning. */
    public <T extends Event> TopicReader<T> events(String topic, Class<T> type, String runId) {
        return events(bootstrap, topic, type, runId);
    }

    /** As {@link #events(String, Class, String)}, for a test that sends nothing (no producer). */
    public static <T extends Event> TopicReader<T> events(String bootstrap, String topic, Class<T> type, String runId) {
        EventCodec codec = new EventCodec();
        return new TopicReader<>(readerConsumer(bootstrap), topic,
                record -> runId.equals(record.key()) ? codec.decode(record.value(), type) : null);
    }

    /** Every record of {@code topic} from its beginning, for a test that sends nothing (no producer). */
    public static TopicReader<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic) {
        return new TopicReader<>(readerConsumer(bootstrap), topic, record -> record);
    }

    /**
     * A member of consumer group {@code group} (subscribe it yourself), reading from the earliest offset when the
     * group has none. The caller closes it.
     */
    public KafkaConsumer<String, byte[]> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + UUID.randomUUID());
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaConsumer<String, byte[]> readerConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // What the services read: statuses and checkpoint events are written in transactions, and an aborted one
        // (a trainer fenced by a take-over) is not part of the record.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
