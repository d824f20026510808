package dev.digitgan.metrics.kafka;

import dev.digitgan.model.events.Topics;
import dev.digitgan.support.kafka.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Sends a record no consumer can read to the dead-letter topic, with its original key, value and headers plus
 * the reason and origin headers of docs/conventions.md ({@link DeadLetterHeaders}), and lets the consumer carry on.
 *
 * <p>Done here rather than by SmallRye's {@code dead-letter-queue} failure strategy because the consumers take
 * whole poll batches (for throughput), and nacking a batch would dead-letter its good records too. A plain
 * Kafka producer rather than a reactive-messaging emitter: the consumer waits for its batch's dead letters, and
 * an emitter's acknowledgements are delivered on the very context that waits (measured: a 60 s stall for a
 * batch of 416 bad records), whereas the producer completes its callbacks on its own I/O thread.
 */
// Started eagerly so that the zero-valued dead-letter counters exist before the first record arrives.
@Startup
@Singleton
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;

    /** @param kafka Quarkus's {@code kafka.*} configuration (bootstrap servers and any security settings) */
    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "metrics-service-dead-letters");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.registry = registry;
        for (String topic : List.of(Topics.LOSS_EVENTS, Topics.CHECKPOINTS, Topics.RUN_STATUS)) {
            counter(topic);
        }
    }

    /** @return completes when the broker has the dead letter */
    public CompletableFuture<Void> reject(ConsumerRecord<String, byte[]> record, String reason) {
        counter(record.topic()).increment();
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = DeadLetterHeaders.letter(record, reason);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(letter, (metadata, error) -> {
            if (error == null) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(error);
            }
        });
        return sent;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private Counter counter(String topic) {
        return Counter.builder("gan.dead.letters")
                .description("Records sent to the dead-letter topic, by the topic they were read from")
                .tag("topic", topic)
                .register(registry);
    }
}
