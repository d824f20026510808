package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunCommand;
import dev.digitgan.model.events.Topics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Every instance sees every run command (its own consumer group, see application.properties); the instance
 * training the run acts on it. The consumer is SmallRye's, which reconnects by itself after a broker outage; an
 * unreadable command is parked on the dead-letter topic, retried until Kafka takes it, because a nack would end
 * the channel (failure strategy {@code fail}) and an ack without it would lose the command.
 */
@ApplicationScoped
public class RunControlListener {

    private static final Logger LOG = Logger.getLogger(RunControlListener.class);
    private static final Duration PARK_RETRY = Duration.ofSeconds(5);

    private final TrainerLifecycle lifecycle;
    private final TrainerEvents events;
    private final EventCodec codec = new EventCodec();

    public RunControlListener(TrainerLifecycle lifecycle, TrainerEvents events) {
        this.lifecycle = lifecycle;
        this.events = events;
    }

    @Incoming("run-control")
    public CompletionStage<Void> onCommand(Message<byte[]> message) {
        RunCommand command;
        try {
            command = codec.decode(message.getPayload(), RunCommand.class);
        } catch (EventFormatException e) {
            // Every instance sees the command; the one that parks it is enough, but duplicates do no harm.
            LOG.warnf("unreadable run command goes to %s: %s", Topics.DEAD_LETTER, e.getMessage());
            var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
            String key = metadata.map(m -> String.valueOf(m.getKey())).orElse(null);
            int partition = metadata.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1);
            long offset = metadata.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
            String reason = e.getMessage();
            return park(() -> events.deadLetter(Topics.RUN_CONTROL, partition, offset, key, message.getPayload(),
                    reason)).thenCompose(ok -> message.ack());
        }
        if (command.action() == RunCommand.Action.STOP) {
            lifecycle.requestStop(command.runId());
        }
        return message.ack();
    }

    private static CompletionStage<Void> park(Supplier<CompletionStage<Void>> send) {
        return send.get().handle((ok, error) -> {
            if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            LOG.errorf("cannot park an unreadable run command (%s); retrying in %s", error.getMessage(), PARK_RETRY);
            return CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(PARK_RETRY.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(retry -> park(send));
        }).thenCompose(next -> next);
    }
}
