package dev.digitgan.metrics.kafka;

import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the loss, checkpoint and run-status topics from their beginning (application.properties: a fresh
 * consumer group per start and no offset commits) and feeds the aggregator, a poll batch at a time. Values
 * arrive as raw bytes and are decoded here, so that a record that is not a valid event becomes a dead letter
 * with the codec's reason instead of a deserializer failure, and the records after it are still aggregated.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    private static final long DEAD_LETTER_TIMEOUT_SECONDS = 60;

    private final EventCodec codec;
    private final LossAggregator aggregator;
    private final DeadLetters deadLetters;

    public EventConsumers(EventCodec codec, LossAggregator aggregator, DeadLetters deadLetters) {
        this.codec = codec;
        this.aggregator = aggregator;
        this.deadLetters = deadLetters;
    }

    @Incoming("loss-events")
    @Blocking
    public void onLoss(ConsumerRecords<String, byte[]> records) {
        handle(records, LossEvent.class, aggregator::accept);
    }

    @Incoming("checkpoints")
    @Blocking
    public void onCheckpoint(ConsumerRecords<String, byte[]> records) {
        handle(records, CheckpointEvent.class, aggregator::accept);
    }

    @Incoming("run-status")
    @Blocking
    public void onStatus(ConsumerRecords<String, byte[]> records) {
        handle(records, RunStatus.class, aggregator::accept);
    }

    /**
     * Runs on a worker thread ({@code @Blocking}, in order), so it may wait: the batch ends only when its dead letters
     * are on the broker, which bounds what is in flight however many bad records a topic holds.
     */
    private <T extends Event> void handle(ConsumerRecords<String, byte[]> records, Class<T> type, Consumer<T> sink) {
        List<CompletableFuture<Void>> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String problem = process(record, type, sink);
            if (problem != null) {
                letters.add(deadLetters.reject(record, problem));
            }
        }
        if (letters.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(letters.toArray(CompletableFuture[]::new))
                    .get(DEAD_LETTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The records were not aggregated either way; stopping the stream over a lost dead letter would be worse.
            LOG.errorf(e, "could not dead-letter %d record(s) of %s", letters.size(), records.partitions());
        }
    }

    /** @return null when the record was aggregated, else why it was not */
    private <T extends Event> String process(ConsumerRecord<String, byte[]> record, Class<T> type, Consumer<T> sink) {
        T event;
        try {
            event = codec.decode(record.value(), type);
        } catch (EventFormatException e) {
            return e.getMessage();
        }
        if (record.key() != null && !record.key().equals(event.runId())) {
            // De-duplication and "latest" rely on per-run order, which Kafka gives only if the key is the run id.
            return "record key '" + record.key() + "' is not the event's runId '" + event.runId() + "'";
        }
        try {
            sink.accept(event);
            return null;
        } catch (RuntimeException e) {
            // A bug, not bad input; still, one record must not stop the whole stream.
            LOG.errorf(e, "cannot aggregate %s-%d@%d", record.topic(), record.partition(), record.offset());
            return "cannot aggregate: " + e;
        }
    }
}
