package dev.digitgan.support.kafka;

import dev.digitgan.model.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a dead letter carries (docs/conventions.md): why it was rejected, and where it was read — topic,
 * partition and offset. Partition and offset identify the original record, so that a reader can tell a dead letter
 * re-sent after a restart (consumers that re-read their topics from the beginning) from a new one.
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    /** All four headers, for a record read from {@code topic}-{@code partition} at {@code offset}. */
    public static Headers of(String reason, String topic, int partition, long offset) {
        Headers headers = of(reason, topic);
        headers.add(Topics.DLQ_PARTITION_HEADER, utf8(Integer.toString(partition)));
        headers.add(Topics.DLQ_OFFSET_HEADER, utf8(Long.toString(offset)));
        return headers;
    }

    /** Reason and topic only: for a message whose partition and offset the sender does not know. */
    public static Headers of(String reason, String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DLQ_REASON_HEADER, utf8(String.valueOf(reason)));
        headers.add(Topics.DLQ_TOPIC_HEADER, utf8(topic));
        return headers;
    }

    /**
     * The dead letter of a consumed record: its key, its value (empty if it had none), its own headers, then the
     * four of {@link #of(String, String, int, long)}; addressed to {@link Topics#DEAD_LETTER}.
     */
    public static ProducerRecord<String, byte[]> letter(ConsumerRecord<String, byte[]> record, String reason) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        for (Header header : of(reason, record.topic(), record.partition(), record.offset())) {
            headers.add(header);
        }
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), value, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
