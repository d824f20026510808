package dev.digitgan.metrics.aggregate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The set of keys (steps, checkpoint versions) already counted for one run, kept as disjoint closed
 * intervals. Training steps arrive almost contiguously, so a run of a million steps costs a handful of
 * intervals instead of a million entries: memory grows with the number of gaps, not with the run length.
 */
final class SeenKeys {

    /** start → end (inclusive); intervals never touch or overlap (adjacent ones are merged). */
    private final TreeMap<Long, Long> intervals = new TreeMap<>();

    /** Adds {@code key}; false when it was already present. */
    boolean add(long key) {
        Map.Entry<Long, Long> floor = intervals.floorEntry(key);
        if (floor != null && floor.getValue() >= key) {
            return false;
        }
        boolean joinsLeft = floor != null && floor.getValue() == key - 1;
        Map.Entry<Long, Long> right = key == Long.MAX_VALUE ? null : intervals.ceilingEntry(key + 1);
        boolean joinsRight = right != null && right.getKey() == key + 1;
        if (joinsLeft && joinsRight) {
            intervals.remove(right.getKey());
            intervals.put(floor.getKey(), right.getValue());
        } else if (joinsLeft) {
            intervals.put(floor.getKey(), key);
        } else if (joinsRight) {
            intervals.remove(right.getKey());
            intervals.put(key, right.getValue());
        } else {
            intervals.put(key, key);
        }
        return true;
    }

    boolean contains(long key) {
        Map.Entry<Long, Long> floor = intervals.floorEntry(key);
        return floor != null && floor.getValue() >= key;
    }

    /** How many disjoint intervals are stored: the memory this set uses. */
    int intervalCount() {
        return intervals.size();
    }
}
