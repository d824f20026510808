package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.TrainingRequest;

/**
 * What a starting worker does with a run its instance owned when it died.
 *
 * @param request   the stored request, for {@link Action#RESUME}
 * @param stopFirst the run was being stopped (STOPPING, or a STOP arrived meanwhile): finish the stop
 */
public record ResumeDecision(Action action, String reason, TrainingRequest request, boolean stopFirst) {

    public enum Action {
        /** Train it on from its newest checkpoint. */
        RESUME,
        /** It cannot be resumed (no stored request); published FAILED. */
        FAILED,
        /** S3 or Kafka did not answer: decide again after a pause. */
        RETRY
    }
}
