package dev.digitgan.metrics.aggregate;

/**
 * @param movingAverageWindow steps averaged by the loss moving averages
 * @param historyCapacity     most buckets kept per run's loss history (even, >= 4)
 */
public record AggregatorSettings(int movingAverageWindow, int historyCapacity) {

    public static final AggregatorSettings DEFAULTS = new AggregatorSettings(100, 2048);

    public AggregatorSettings {
        if (movingAverageWindow < 1) {
            throw new IllegalArgumentException("movingAverageWindow must be >= 1, was " + movingAverageWindow);
        }
        if (historyCapacity < 4 || historyCapacity % 2 != 0) {
            throw new IllegalArgumentException("historyCapacity must be an even number >= 4, was " + historyCapacity);
        }
    }
}
