package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.quality.QualityScores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's checkpoint versions and their quality scores (mutable; owned by {@link RunAggregate}, which locks).
 *
 * <p>Keyed per version and, within a version, per {@link ScoreSeries}: the first score read for a (version,
 * series) wins, like the first loss event of a step, so a replay or a re-sent event changes nothing, while a
 * version announced again with a score of another N (the trainer's final 10,000-sample score on the last
 * checkpoint) adds that score beside the first. Unscored checkpoints are kept as versions without scores.
 *
 * <p>The <em>headline series</em> is the one that scored the most versions (ties: smaller N, then evaluator id):
 * a run's per-checkpoint scores, whichever N the trainer was configured with, and not a one-off final score. The
 * gauges and the chart's main curve describe it; the other series stay in the history.
 */
final class QualityHistory {

    private static final class Version {
        final long version;
        final int epoch;
        final long step;
        final Instant createdAt;
        final TreeMap<ScoreSeries, QualityScores> scores = new TreeMap<>(ScoreSeries.ORDER);

        Version(CheckpointEvent first) {
            version = first.version();
            epoch = first.epoch();
            step = first.step();
            createdAt = first.createdAt();
        }

        ScoredCheckpoint scored(QualityScores s) {
            return new ScoredCheckpoint(version, epoch, step, createdAt, s);
        }
    }

    private final TreeMap<Long, Version> versions = new TreeMap<>();
    private final Map<ScoreSeries, Integer> versionsPerSeries = new HashMap<>();
    private long scoredVersions;

    /** @return true if the event brought a score this history did not hold yet */
    boolean add(CheckpointEvent event) {
        Version entry = versions.computeIfAbsent(event.version(), v -> new Version(event));
        QualityScores scores = event.quality();
        if (scores == null) {
            return false;
        }
        ScoreSeries series = ScoreSeries.of(scores);
        if (entry.scores.containsKey(series)) {
            return false;
        }
        if (entry.scores.isEmpty()) {
            scoredVersions++;
        }
        entry.scores.put(series, scores);
        versionsPerSeries.merge(series, 1, Integer::sum);
        return true;
    }

    /** The series the gauges describe, empty before the first score. */
    Optional<ScoreSeries> headlineSeries() {
        Comparator<Map.Entry<ScoreSeries, Integer>> most = Map.Entry.comparingByValue();
        Comparator<Map.Entry<ScoreSeries, Integer>> ties = Map.Entry.comparingByKey(ScoreSeries.ORDER);
        return versionsPerSeries.entrySet().stream()
                .min(most.reversed().thenComparing(ties))
                .map(Map.Entry::getKey);
    }

    /** The headline series' score of the greatest version it scored. */
    Optional<ScoredCheckpoint> latest() {
        return headlineSeries().flatMap(series -> {
            for (Version entry : versions.descendingMap().values()) {
                QualityScores s = entry.scores.get(series);
                if (s != null) {
                    return Optional.of(entry.scored(s));
                }
            }
            return Optional.empty();
        });
    }

    /** The headline series' lowest Fréchet distance (the earlier version on a tie). */
    Optional<ScoredCheckpoint> best() {
        return headlineSeries().flatMap(series -> {
            ScoredCheckpoint best = null;
            for (Version entry : versions.values()) {
                QualityScores s = entry.scores.get(series);
                if (s != null && (best == null || s.frechetDistance() < best.scores().frechetDistance())) {
                    best = entry.scored(s);
                }
            }
            return Optional.ofNullable(best);
        });
    }

    /** Every version seen, oldest first, each with its scores (smaller N first). */
    List<CheckpointQuality> checkpoints() {
        List<CheckpointQuality> result = new ArrayList<>(versions.size());
        for (Version entry : versions.values()) {
            result.add(new CheckpointQuality(entry.version, entry.epoch, entry.step, entry.createdAt,
                    List.copyOf(entry.scores.values())));
        }
        return result;
    }

    /** Versions with at least one score. */
    long scoredVersions() {
        return scoredVersions;
    }
}
