package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import java.util.concurrent.CompletionStage;

/** Opens a run's {@link RunWriter} when an instance starts training the run. */
@FunctionalInterface
public interface RunWriters {

    /**
     * @throws RuntimeException when the writer cannot be opened (Kafka did not answer in time); the run fails
     */
    RunWriter open(String runId);

    /**
     * Every run's records through the shared producers, unfenced: for a single trainer instance that nobody takes
     * runs over from (the command line, tests of the training path).
     */
    static RunWriters shared(RunEvents events) {
        return runId -> new RunWriter() {
            @Override
            public CompletionStage<Void> status(RunStatus status) {
                return events.status(status);
            }

            @Override
            public CompletionStage<Void> loss(LossEvent event) {
                return events.loss(event);
            }

            @Override
            public CompletionStage<Void> checkpoint(CheckpointEvent event, RunStatus counted) {
                return events.checkpoint(event, counted);
            }

            @Override
            public void close() {
                // the shared producers outlive the run
            }
        };
    }
}
