package dev.digitgan.model.train;

/**
 * How long to train and when to checkpoint.
 *
 * @param runId                names the run in checkpoints
 * @param epochs               total epochs of the run (a resumed run continues up to this count)
 * @param checkpointEverySteps also checkpoint every this many steps; 0 = only at the end of each epoch
 * @param sampleCount          images generated from the fixed z at each epoch end (64 for an 8x8 grid)
 * @param checkpointSamples    N of each checkpoint's quality score (0 = checkpoints are not scored)
 * @param finalSamples         N of the score of the run's last weights (0 = none)
 */
public record TrainingOptions(String runId, int epochs, long checkpointEverySteps, int sampleCount,
        int checkpointSamples, int finalSamples) {

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
        if (checkpointSamples < 0 || checkpointSamples == 1 || finalSamples < 0 || finalSamples == 1) {
            throw new IllegalArgumentException("checkpointSamples and finalSamples must be 0 (no score) or >= 2, got "
                    + checkpointSamples + " / " + finalSamples);
        }
    }

    /** Options that score nothing. */
    public TrainingOptions(String runId, int epochs, long checkpointEverySteps, int sampleCount) {
        this(runId, epochs, checkpointEverySteps, sampleCount, 0, 0);
    }

    public static TrainingOptions of(String runId, int epochs) {
        return new TrainingOptions(runId, epochs, 0, DEFAULT_SAMPLE_COUNT);
    }

    /** The same options, scoring each checkpoint on {@code checkpoint} and the last weights on {@code last} digits. */
    public TrainingOptions scored(int checkpoint, int last) {
        return new TrainingOptions(runId, epochs, checkpointEverySteps, sampleCount, checkpoint, last);
    }
}
