package dev.digitgan.sampler.health;

import java.util.Map;

/**
 * Whether the consumer has read the checkpoint topic up to the end it had when probed, a plain function of the
 * topic's end offsets and the consumer's positions (partition number to offset).
 */
final class CatchUp {

    private CatchUp() {
    }

    /**
     * Caught up when every partition of the topic is assigned and read to its end offset. A topic that does not
     * exist (no partitions) has nothing to catch up with.
     *
     * @param ends      end offset of each partition of the topic
     * @param positions next offset the consumer will read, for the partitions assigned to it
     */
    static boolean caughtUp(Map<Integer, Long> ends, Map<Integer, Long> positions) {
        return lag(ends, positions) == 0;
    }

    /** Records not yet read, with an unassigned partition counting all of its records ({@code end}). */
    static long lag(Map<Integer, Long> ends, Map<Integer, Long> positions) {
        long lag = 0;
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            Long position = positions.get(end.getKey());
            lag += Math.max(0, end.getValue() - (position == null ? 0 : position));
            if (position == null && end.getValue() == 0) {
                // An empty partition nobody reads yet: the consumer's group has not been assigned it.
                lag += 1;
            }
        }
        return lag;
    }
}
