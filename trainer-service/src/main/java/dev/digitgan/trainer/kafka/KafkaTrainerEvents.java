package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunCommand;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.support.kafka.DeadLetterHeaders;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * {@link TrainerEvents} over SmallRye Reactive Messaging emitters, one outgoing channel per topic (see
 * application.properties: acks=all and idempotence on every producer). Values are the {@link EventCodec} JSON
 * bytes, so every service reads exactly the schema shared-model defines.
 */
@ApplicationScoped
public class KafkaTrainerEvents implements TrainerEvents {

    private final EventCodec codec = new EventCodec();
    private final Emitter<Record<String, byte[]>> requests;
    private final Emitter<Record<String, byte[]>> commands;
    private final Emitter<Record<String, byte[]>> statuses;
    private final Emitter<Record<String, byte[]>> losses;
    private final Emitter<Record<String, byte[]>> checkpoints;
    private final Emitter<byte[]> deadLetters;

    public KafkaTrainerEvents(
            @Channel("training-requests-out") Emitter<Record<String, byte[]>> requests,
            @Channel("run-control-out") Emitter<Record<String, byte[]>> commands,
            @Channel("run-status-out") Emitter<Record<String, byte[]>> statuses,
            // A step takes milliseconds; the buffer absorbs a short broker stall, the worker's in-flight
            // limit (below this size) keeps it from overflowing.
            @Channel("loss-events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            Emitter<Record<String, byte[]>> losses,
            @Channel("checkpoints-out") Emitter<Record<String, byte[]>> checkpoints,
            @Channel("dead-letter-out") Emitter<byte[]> deadLetters) {
        this.requests = requests;
        this.commands = commands;
        this.statuses = statuses;
        this.losses = losses;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
    }

    @Override
    public CompletionStage<Void> request(TrainingRequest request) {
        return send(requests, request);
    }

    @Override
    public CompletionStage<Void> command(RunCommand command) {
        return send(commands, command);
    }

    @Override
    public CompletionStage<Void> status(RunStatus status) {
        return send(statuses, status);
    }

    @Override
    public CompletionStage<Void> loss(LossEvent event) {
        return send(losses, event);
    }

    /** Not atomic: the status is sent once the event is acknowledged (runs write through {@link RunWriters}). */
    @Override
    public CompletionStage<Void> checkpoint(CheckpointEvent event, RunStatus counted) {
        return send(checkpoints, event).thenCompose(sent -> send(statuses, counted));
    }

    @Override
    public CompletionStage<Void> deadLetter(String sourceTopic, int partition, long offset, String key, byte[] value,
                                            String reason) {
        Headers headers = DeadLetterHeaders.of(reason, sourceTopic, partition, offset);
        CompletableFuture<Void> done = new CompletableFuture<>();
        deadLetters.send(Message.of(value == null ? new byte[0] : value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    done.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }

    private CompletionStage<Void> send(Emitter<Record<String, byte[]>> emitter, Event event) {
        return emitter.send(Record.of(event.runId(), codec.encode(event)));
    }
}
