package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.RunStatus;
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
 * version scored again on another N adds that score beside the first: the FINISHED status's score of the run's
 * last weights (normally on 10,000 samples) is filed as a score of the run's last checkpoint version, which holds
 * those weights. Unscored checkpoints are kept as versions without scores.
 *
 * <p>The <em>headline series</em> is the one that scored the most versions (ties: smaller N, then evaluator id):
 * a run's per-checkpoint scores, whichever N the trainer was configured with, and not a one-off final score. The
 * gauges and the chart's main curve describe it; the other series stay in the history.
 */
final class QualityHistory {

    private static final class Version {
        final long version;
        int epoch;
        long step;
        Instant createdAt;
        /** Placed from a FINISHED status before the checkpoint event was read: the event's fields replace these. */
        boolean provisional;
        final TreeMap<ScoreSeries, QualityScores> scores = new TreeMap<>(ScoreSeries.ORDER);

        Version(long version, int epoch, long step, Instant createdAt, boolean provisional) {
            this.version = version;
            this.epoch = epoch;
            this.step = step;
            this.createdAt = createdAt;
            this.provisional = provisional;
        }

        ScoredCheckpoint scored(QualityScores s) {
            return new ScoredCheckpoint(version, epoch, step, createdAt, s);
        }
    }

    private final TreeMap<Long, Version> versions = new TreeMap<>();
    private final Map<ScoreSeries, Integer> versionsPerSeries = new HashMap<>();
    private long scoredVersions;
    private long finalVersion;
    private QualityScores finalScores;

    /** @return true if the event brought a score this history did not hold yet */
    boolean add(CheckpointEvent event) {
        Version entry = versions.computeIfAbsent(event.version(),
                v -> new Version(v, event.epoch(), event.step(), event.createdAt(), false));
        if (entry.provisional) {
            // Whichever topic was read first, a version ends up described by its checkpoint event.
            entry.epoch = event.epoch();
            entry.step = event.step();
            entry.createdAt = event.createdAt();
            entry.provisional = false;
        }
        return event.quality() != null && file(entry, event.quality());
    }

    /**
     * Files a FINISHED status's final score under the run's last checkpoint version (created from the status if
     * its checkpoint event has not been read yet: the topics are consumed independently).
     *
     * @return true if the score was new
     */
    boolean addFinal(RunStatus finished) {
        QualityScores scores = finished.finalQuality();
        if (scores == null || finished.checkpoints() < 1) {
            return false;
        }
        Version entry = versions.computeIfAbsent(finished.checkpoints(),
                v -> new Version(v, finished.epoch(), finished.step(), finished.updatedAt(), true));
        if (!file(entry, scores)) {
            return false;
        }
        finalVersion = entry.version;
        finalScores = scores;
        return true;
    }

    /** The run's final score as filed by {@link #addFinal}, empty before the run finished with one. */
    Optional<ScoredCheckpoint> finalScore() {
        return finalScores == null ? Optional.empty() : Optional.of(versions.get(finalVersion).scored(finalScores));
    }

    private boolean file(Version entry, QualityScores scores) {
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
