package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.LossEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's loss curve in bounded memory. Steps are appended to buckets of {@code width} points; when the
 * number of buckets exceeds the capacity, neighbouring buckets are merged pairwise and the width doubles.
 * So a run of any length keeps between capacity/2 and capacity buckets, evenly spaced over the run, each
 * with the mean, minimum and maximum of its steps. The result depends only on the order of the events,
 * which Kafka keeps per run, so a rebuild from the topic gives the same buckets.
 */
final class LossHistory {

    private final int capacity;
    private final ArrayList<HistoryBucket> buckets = new ArrayList<>();
    private long width = 1;

    LossHistory(int capacity) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("history capacity must be an even number >= 4, was " + capacity);
        }
        this.capacity = capacity;
    }

    void add(LossEvent event) {
        if (buckets.isEmpty()) {
            buckets.add(new HistoryBucket(event));
            return;
        }
        HistoryBucket last = buckets.get(buckets.size() - 1);
        if (event.step() < last.firstStep()) {
            // A gap filled late (a step the trainer emitted after a restart): fold it into the bucket that
            // covers its position rather than appending out of order.
            bucketAt(event.step()).add(event);
            return;
        }
        if (last.count() < width) {
            last.add(event);
            return;
        }
        buckets.add(new HistoryBucket(event));
        if (buckets.size() > capacity) {
            halve();
        }
    }

    /** The whole history as at most {@code maxPoints} points (consecutive buckets merged as needed). */
    List<LossPoint> points(int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be >= 1, was " + maxPoints);
        }
        int group = (buckets.size() + maxPoints - 1) / maxPoints;
        List<LossPoint> points = new ArrayList<>(Math.min(buckets.size(), maxPoints));
        for (int from = 0; from < buckets.size(); from += Math.max(group, 1)) {
            if (group <= 1) {
                points.add(buckets.get(from).toPoint());
                continue;
            }
            HistoryBucket merged = buckets.get(from).copy();
            for (int i = from + 1; i < Math.min(from + group, buckets.size()); i++) {
                merged.merge(buckets.get(i));
            }
            points.add(merged.toPoint());
        }
        return points;
    }

    int bucketCount() {
        return buckets.size();
    }

    /** Steps per bucket for new points. */
    long width() {
        return width;
    }

    private HistoryBucket bucketAt(long step) {
        int lo = 0;
        int hi = buckets.size() - 1;
        // The last bucket whose first step is <= step, or the first bucket.
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (buckets.get(mid).firstStep() <= step) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return buckets.get(lo);
    }

    private void halve() {
        ArrayList<HistoryBucket> merged = new ArrayList<>(capacity);
        for (int i = 0; i < buckets.size(); i += 2) {
            HistoryBucket bucket = buckets.get(i);
            if (i + 1 < buckets.size()) {
                bucket.merge(buckets.get(i + 1));
            }
            merged.add(bucket);
        }
        buckets.clear();
        buckets.addAll(merged);
        width *= 2;
    }
}
