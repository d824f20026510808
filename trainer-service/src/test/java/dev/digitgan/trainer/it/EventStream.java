package dev.digitgan.trainer.it;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One run's events on a real topic, read from the beginning with a plain consumer (assign mode, no group), as
 * another service would see them. Events of other runs are skipped.
 */
public final class EventStream<T extends Event> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Class<T> type;
    private final String runId;
    private final EventCodec codec = new EventCodec();
    private final List<T> received = new ArrayList<>();
    private boolean assigned;

    public EventStream(String bootstrapServers, String topic, Class<T> type, String runId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p);
        this.topic = topic;
        this.type = type;
        this.runId = runId;
    }

    /** Everything received so far, in log order. */
    public List<T> received() {
        return List.copyOf(received);
    }

    /** Polls until {@code done} holds for what was received, calling {@code onEach} as each event arrives. */
    public List<T> awaitUntil(Predicate<List<T>> done, Duration timeout, Consumer<T> onEach) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + timeout + " on " + topic + " for run " + runId
                        + "; received " + received);
            }
            if (!assigned) {
                assign();
                continue;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (runId.equals(record.key())) {
                    T event = codec.decode(record.value(), type);
                    received.add(event);
                    onEach.accept(event);
                }
            }
        }
        return received();
    }

    /** Reads until the topic has been quiet for {@code quiet}: everything published before the call is in. */
    public List<T> drain(Duration quiet) {
        while (!assigned) {
            assign();
        }
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                quietSince = System.nanoTime();
                if (runId.equals(record.key())) {
                    received.add(codec.decode(record.value(), type));
                }
            }
        }
        return received();
    }

    public List<T> awaitUntil(Predicate<List<T>> done, Duration timeout) {
        return awaitUntil(done, timeout, e -> { });
    }

    private void assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            sleep();
            return;
        }
        List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        assigned = true;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
