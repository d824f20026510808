package dev.digitgan.model.image;

/**
 * Reduces a long series to at most {@code maxPoints} points for drawing while keeping what a reader
 * looks for in a loss curve: the first and last point and each bucket's minimum and maximum (so
 * spikes and collapses stay visible, which plain striding would drop).
 */
final class Downsampler {

    /** Points to draw; non-finite losses become NaN, which XChart leaves as a gap. */
    record Points(double[] x, double[] y) {
    }

    private Downsampler() {
    }

    static Points minMax(long[] steps, double[] values, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be >= 4, got " + maxPoints);
        }
        int n = values.length;
        if (n <= maxPoints) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = steps[i];
                y[i] = finiteOrNaN(values[i]);
            }
            return new Points(x, y);
        }
        // Two points per bucket plus the first and last point overall.
        int buckets = (maxPoints - 2) / 2;
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int min = -1;
            int max = -1;
            for (int i = from; i < to; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (min < 0 || v < values[min]) {
                    min = i;
                }
                if (max < 0 || v > values[max]) {
                    max = i;
                }
            }
            // A bucket with no finite value keeps one point, so the gap stays visible.
            keep[min < 0 ? from : min] = true;
            if (max >= 0) {
                keep[max] = true;
            }
        }
        int kept = 0;
        for (boolean k : keep) {
            if (k) {
                kept++;
            }
        }
        double[] x = new double[kept];
        double[] y = new double[kept];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                x[j] = steps[i];
                y[j] = finiteOrNaN(values[i]);
                j++;
            }
        }
        return new Points(x, y);
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
