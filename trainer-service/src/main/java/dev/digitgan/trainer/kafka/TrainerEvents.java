package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.RunCommand;
import dev.digitgan.model.events.TrainingRequest;
import java.util.concurrent.CompletionStage;

/**
 * Everything the trainer service publishes, keyed by run id. Each stage completes when Kafka acknowledged the
 * record (acks=all), or fails with the reason. A run's own statuses and checkpoint events are written by its
 * {@link RunWriter} while it trains.
 */
public interface TrainerEvents extends RunEvents {

    CompletionStage<Void> request(TrainingRequest request);

    CompletionStage<Void> command(RunCommand command);

    /**
     * Parks a message no one could read on {@code Topics.DEAD_LETTER}: the original key and bytes, with the
     * reason, the topic, partition and offset it came from in the headers of docs/conventions.md.
     */
    CompletionStage<Void> deadLetter(String sourceTopic, int partition, long offset, String key, byte[] value,
                                     String reason);
}
