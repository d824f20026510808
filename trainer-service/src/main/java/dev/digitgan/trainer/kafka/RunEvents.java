package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import java.util.concurrent.CompletionStage;

/**
 * What one run's training publishes, keyed by its run id. Each stage completes when Kafka acknowledged the record
 * (acks=all), or fails with the reason.
 */
public interface RunEvents {

    CompletionStage<Void> status(RunStatus status);

    CompletionStage<Void> loss(LossEvent event);

    CompletionStage<Void> checkpoint(CheckpointEvent event);
}
