package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.RunStatus;

/**
 * A run's newest status and where in the status topic it was read.
 *
 * @param position the record's {@code partition:offset} in the status topic: every view that has read up to the
 *                 same point names the same newest status by the same position, which is what makes a take-over
 *                 claim's key the same on every instance ({@link TakeoverDecision})
 */
public record StatusAt(RunStatus status, String position) {

    public String runId() {
        return status.runId();
    }
}
