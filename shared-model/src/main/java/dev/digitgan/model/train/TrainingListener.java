package dev.digitgan.model.train;

import dev.digitgan.model.checkpoint.Checkpoint;

/**
 * Callbacks of a {@link TrainingLoop}, all on the training thread. Exceptions thrown here stop training and
 * propagate to the caller of the loop.
 */
public interface TrainingListener {

    /** After every step. Keep it cheap: it runs between steps. */
    default void onStep(StepProgress progress) {
    }

    /** After the last step of an epoch, with a fixed-z sample from G for the epoch's grid. */
    default void onEpochEnd(EpochSummary summary) {
    }

    /**
     * A snapshot to store (after {@link #onEpochEnd} at the end of an epoch, or every
     * {@link TrainingOptions#checkpointEverySteps()} steps). Its networks are copies; it may be written on another
     * thread while training continues.
     */
    default void onCheckpoint(Checkpoint checkpoint) {
    }

    /** Polled before every step; true ends training after a final checkpoint. */
    default boolean stopRequested() {
        return false;
    }
}
