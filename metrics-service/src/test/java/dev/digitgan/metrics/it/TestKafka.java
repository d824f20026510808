package dev.digitgan.metrics.it;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain Kafka producer and consumer on the test broker, as the trainer and a person reading dead letters use it. */
public final class TestKafka implements AutoCloseable {

    private final String bootstrap;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    public TestKafka() {
        this(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public TestKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Sends every event keyed by its run id and waits until the broker has them all. */
    public void publish(String topic, List<? extends Event> events) {
        for (Event event : events) {
            producer.send(new ProducerRecord<>(topic, event.runId(), codec.encode(event)));
        }
        producer.flush();
    }

    public void publish(String topic, Event... events) {
        publish(topic, List.of(events));
    }

    public void publishRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    /** Sends without waiting (a later {@link #publish} or {@link #close} flushes it). */
    public void publishAsync(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for what was read, or the timeout. */
    public List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "test-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(read)) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
