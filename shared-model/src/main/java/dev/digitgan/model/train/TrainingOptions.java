package dev.digitgan.model.train;

/**
 * How long to train and when to checkpoint.
 *
 * @param runId                names the run in checkpoints
 * @param epochs               total epochs of the run (a resumed run continues up to this count)
 * @param checkpointEverySteps also checkpoint every this many steps; 0 = only at the end of each epoch
 * @param sampleCount          images generated from the fixed z at each epoch end (64 for an 8x8 grid)
 */
public record TrainingOptions(String runId, int epochs, long checkpointEverySteps, int sampleCount) {

    public static final int DEFAULT_SAMPLE_COUNT = 64;

    public TrainingOptions {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must be non-blank");
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be >= 0 (0 = per epoch), got "
                    + checkpointEverySteps);
        }
        if (sampleCount <= 0) {
            throw new IllegalArgumentException("sampleCount must be > 0, got " + sampleCount);
        }
    }

    public static TrainingOptions of(String runId, int epochs) {
        return new TrainingOptions(runId, epochs, 0, DEFAULT_SAMPLE_COUNT);
    }
}
