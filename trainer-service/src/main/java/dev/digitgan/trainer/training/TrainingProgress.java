package dev.digitgan.trainer.training;

/**
 * Where a run is, in the units people and events use.
 *
 * @param step          steps completed in the run (the step just done, counting from 1)
 * @param epoch         the epoch that step belongs to, from 1
 * @param epochs        epochs the run trains in all
 * @param stepsPerEpoch full batches per epoch
 */
public record TrainingProgress(long step, int epoch, int epochs, int stepsPerEpoch) {

    public long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }

    /** Epochs completed so far ({@code step / stepsPerEpoch}), the checkpoint manifest's "epoch". */
    public int completedEpochs() {
        return (int) (step / stepsPerEpoch);
    }

    /** Step within the current epoch, from 1. */
    public int stepInEpoch() {
        return (int) ((step - 1) % stepsPerEpoch) + 1;
    }

    public boolean endOfEpoch() {
        return step > 0 && step % stepsPerEpoch == 0;
    }

    public long stepsLeft() {
        return totalSteps() - step;
    }
}
