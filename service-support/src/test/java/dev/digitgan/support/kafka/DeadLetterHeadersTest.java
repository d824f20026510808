package dev.digitgan.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void allFourHeadersNameTheReasonAndWhereTheRecordWasRead() {
        Headers headers = DeadLetterHeaders.of("invalid LossEvent: missing step", Topics.LOSS_EVENTS, 2, 48L);
        assertThat(names(headers)).containsExactly(Topics.DLQ_REASON_HEADER, Topics.DLQ_TOPIC_HEADER,
                Topics.DLQ_PARTITION_HEADER, Topics.DLQ_OFFSET_HEADER);
        assertThat(text(headers, Topics.DLQ_REASON_HEADER)).isEqualTo("invalid LossEvent: missing step");
        assertThat(text(headers, Topics.DLQ_TOPIC_HEADER)).isEqualTo(Topics.LOSS_EVENTS);
        assertThat(text(headers, Topics.DLQ_PARTITION_HEADER)).isEqualTo("2");
        assertThat(text(headers, Topics.DLQ_OFFSET_HEADER)).isEqualTo("48");
    }

    @Test
    void withoutAKnownOriginOnlyReasonAndTopic() {
        Headers headers = DeadLetterHeaders.of(null, Topics.RUN_CONTROL);
        assertThat(names(headers)).containsExactly(Topics.DLQ_REASON_HEADER, Topics.DLQ_TOPIC_HEADER);
        assertThat(text(headers, Topics.DLQ_REASON_HEADER)).isEqualTo("null");
    }

    @Test
    void aConsumedRecordsLetterKeepsKeyValueAndHeadersAndAddsTheFour() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CHECKPOINTS, 1, 7L, 0L,
                TimestampType.CREATE_TIME, 0, 3, "run-1", "{x}".getBytes(StandardCharsets.UTF_8), original,
                Optional.empty());

        ProducerRecord<String, byte[]> letter = DeadLetterHeaders.letter(record, "not JSON");

        assertThat(letter.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(letter.partition()).isNull();
        assertThat(letter.key()).isEqualTo("run-1");
        assertThat(letter.value()).isEqualTo("{x}".getBytes(StandardCharsets.UTF_8));
        assertThat(names(letter.headers())).containsExactly("trace", Topics.DLQ_REASON_HEADER,
                Topics.DLQ_TOPIC_HEADER, Topics.DLQ_PARTITION_HEADER, Topics.DLQ_OFFSET_HEADER);
        assertThat(text(letter.headers(), Topics.DLQ_TOPIC_HEADER)).isEqualTo(Topics.CHECKPOINTS);
        assertThat(text(letter.headers(), Topics.DLQ_PARTITION_HEADER)).isEqualTo("1");
        assertThat(text(letter.headers(), Topics.DLQ_OFFSET_HEADER)).isEqualTo("7");
        // The consumed record's own headers are not changed.
        assertThat(names(record.headers())).containsExactly("trace");
    }

    @Test
    void aRecordWithoutAValueBecomesAnEmptyLetter() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.RUN_STATUS, 0, 0L, null, null);
        ProducerRecord<String, byte[]> letter = DeadLetterHeaders.letter(record, "empty message");
        assertThat(letter.key()).isNull();
        assertThat(letter.value()).isEmpty();
        assertThat(text(letter.headers(), Topics.DLQ_REASON_HEADER)).isEqualTo("empty message");
    }

    private static List<String> names(Headers headers) {
        List<String> names = new ArrayList<>();
        for (Header header : headers) {
            names.add(header.key());
        }
        return names;
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
