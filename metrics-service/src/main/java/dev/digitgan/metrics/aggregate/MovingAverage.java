package dev.digitgan.metrics.aggregate;

/**
 * Mean of the last {@code window} values. The running sum is recomputed from the buffer each time the
 * ring wraps, so floating-point error from add/subtract cannot accumulate over a long run.
 */
final class MovingAverage {

    private final double[] ring;
    private int next;
    private int size;
    private double sum;

    MovingAverage(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("moving average window must be >= 1, was " + window);
        }
        this.ring = new double[window];
    }

    void add(double value) {
        if (size == ring.length) {
            sum -= ring[next];
        } else {
            size++;
        }
        ring[next] = value;
        sum += value;
        next++;
        if (next == ring.length) {
            next = 0;
            resum();
        }
    }

    /** NaN before the first value. */
    double value() {
        return size == 0 ? Double.NaN : sum / size;
    }

    int size() {
        return size;
    }

    private void resum() {
        double exact = 0;
        for (int i = 0; i < size; i++) {
            exact += ring[i];
        }
        sum = exact;
    }
}
