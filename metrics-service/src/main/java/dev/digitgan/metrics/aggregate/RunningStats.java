package dev.digitgan.metrics.aggregate;

/** Count, mean, minimum and maximum of one quantity, in constant memory. */
final class RunningStats {

    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void addAll(RunningStats other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    /** NaN when empty. */
    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    double min() {
        return count == 0 ? Double.NaN : min;
    }

    double max() {
        return count == 0 ? Double.NaN : max;
    }

    Stat toStat() {
        return count == 0 ? null : new Stat(mean(), min(), max());
    }
}
