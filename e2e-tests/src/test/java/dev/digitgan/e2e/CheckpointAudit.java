package dev.digitgan.e2e;

import dev.digitgan.model.events.CheckpointEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One run's checkpoints as the system of record holds them after a fault: the versions stored in S3 against those
 * announced on the checkpoint topic. Versions are numbered 1, 2, 3 ... by the trainer, so every version up to the
 * highest one stored or announced must be announced exactly once, and every announced one must be stored.
 *
 * @param stored     versions whose object is in S3
 * @param announced  distinct versions on the topic
 * @param lost       versions up to the highest stored or announced that no event announces (a stored object the
 *                   sampler never hears of, or a hole in the numbering)
 * @param dangling   versions announced whose object is not in S3
 * @param duplicated announcements beyond the first of a version
 * @param conflicting versions announced more than once with different contents (object hash or step)
 */
record CheckpointAudit(int stored, int announced, List<Long> lost, List<Long> dangling, int duplicated,
                       List<Long> conflicting) {

    static CheckpointAudit of(Collection<Long> storedVersions, List<CheckpointEvent> events) {
        TreeSet<Long> stored = new TreeSet<>(storedVersions);
        TreeMap<Long, List<CheckpointEvent>> byVersion = events.stream()
                .collect(Collectors.groupingBy(CheckpointEvent::version, TreeMap::new, Collectors.toList()));
        long highest = Math.max(stored.isEmpty() ? 0 : stored.last(),
                byVersion.isEmpty() ? 0 : byVersion.lastKey());
        List<Long> lost = LongStream.rangeClosed(1, highest).boxed().filter(v -> !byVersion.containsKey(v)).toList();
        List<Long> dangling = byVersion.keySet().stream().filter(v -> !stored.contains(v)).toList();
        int duplicated = events.size() - byVersion.size();
        List<Long> conflicting = byVersion.entrySet().stream()
                .filter(e -> distinct(e.getValue(), c -> c.sha256() + "@" + c.step()) > 1)
                .map(Map.Entry::getKey).toList();
        return new CheckpointAudit(stored.size(), byVersion.size(), lost, dangling, duplicated, conflicting);
    }

    private static long distinct(List<CheckpointEvent> events, Function<CheckpointEvent, String> key) {
        return events.stream().map(key).distinct().count();
    }

    /** The goal: nothing stored goes unannounced, nothing announced is missing, nothing announced twice. */
    boolean intact() {
        return lost.isEmpty() && dangling.isEmpty() && duplicated == 0;
    }

    /** For the figures line: {@code checkpoints 17/17 announced, 0 lost, 0 duplicated}. */
    String figures() {
        String out = String.format("checkpoints %d/%d announced, %d lost%s, %d duplicated", announced, stored,
                lost.size(), lost.isEmpty() ? "" : " " + lost, duplicated);
        if (!dangling.isEmpty()) {
            out += ", " + dangling.size() + " announced but not stored " + dangling;
        }
        if (!conflicting.isEmpty()) {
            out += ", " + conflicting.size() + " announced with different contents " + conflicting;
        }
        return out;
    }
}
