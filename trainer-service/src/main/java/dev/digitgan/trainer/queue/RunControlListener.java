package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunCommand;
import dev.digitgan.model.events.Topics;
import dev.digitgan.trainer.events.TrainerEvents;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every instance sees every run command (its own consumer group, see application.properties); the instance
 * training the run acts on it.
 */
@ApplicationScoped
public class RunControlListener {

    private static final Logger LOG = Logger.getLogger(RunControlListener.class);

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
            return events.deadLetter(Topics.RUN_CONTROL, partition, offset, key, message.getPayload(), e.getMessage())
                    .thenCompose(ok -> message.ack());
        }
        if (command.action() == RunCommand.Action.STOP) {
            lifecycle.requestStop(command.runId());
        }
        return message.ack();
    }
}
