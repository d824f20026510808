package dev.digitgan.metrics.kafka;

import dev.digitgan.model.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends a record no consumer can read to the dead-letter topic, with its original key, value and headers plus
 * the reason and origin headers of docs/conventions.md, and lets the consumer carry on.
 *
 * <p>Done here rather than by SmallRye's {@code dead-letter-queue} failure strategy because the consumers take
 * whole poll batches (for throughput), and nacking a batch would dead-letter its good records too.
 */
// Started eagerly so that the zero-valued dead-letter counters exist before the first record arrives.
@Startup
@Singleton
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<byte[]> emitter;
    private final MeterRegistry registry;

    /** Batches are at most max.poll.records (2000) long and the consumer waits for each batch's dead letters. */
    public DeadLetters(@Channel("dead-letter") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       Emitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
        // Present from the start at 0, so that a dashboard's rate() sees the first dead letter as an increase.
        for (String topic : List.of(Topics.LOSS_EVENTS, Topics.CHECKPOINTS, Topics.RUN_STATUS)) {
            counter(topic);
        }
    }

    /** @return completes when the broker has the dead letter */
    public CompletableFuture<Void> reject(ConsumerRecord<String, byte[]> record, String reason) {
        counter(record.topic()).increment();
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(Topics.DLQ_REASON_HEADER, utf8(reason));
        headers.add(Topics.DLQ_TOPIC_HEADER, utf8(record.topic()));
        // Partition and offset identify the original record, so a reader can tell a re-sent dead letter (every
        // start re-reads the topics from the beginning) from a new one.
        headers.add(Topics.DLQ_PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        headers.add(Topics.DLQ_OFFSET_HEADER, utf8(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(value).addMetadata(metadata)
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    sent.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        return sent;
    }

    private Counter counter(String topic) {
        return Counter.builder("gan.dead.letters")
                .description("Records sent to the dead-letter topic, by the topic they were read from")
                .tag("topic", topic)
                .register(registry);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
