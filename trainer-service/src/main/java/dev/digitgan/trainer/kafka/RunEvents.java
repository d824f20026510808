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

    /**
     * A checkpoint's event and the status that counts it ({@code checkpoints} = its version): one transaction through
     * a fencing writer, so that a run's newest status says exactly which checkpoints were announced (a restart
     * announces the one it resumes from if it was not, {@code RunTrainer}).
     */
    CompletionStage<Void> checkpoint(CheckpointEvent event, RunStatus counted);
}
