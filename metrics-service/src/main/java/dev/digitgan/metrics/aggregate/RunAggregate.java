package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.quality.QualityScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Everything aggregated for one run. Thread-safe: the loss, checkpoint and status consumers and the
 * HTTP and scrape threads all go through its synchronized methods.
 *
 * <p>Idempotent by construction: a loss event counts once per step, a checkpoint once per version and a quality
 * score once per (version, {@link ScoreSeries}), the first one read wins. "Latest" values come from the greatest
 * step (not the last arrival), and a status from the newest {@code updatedAt}, so duplicates never move them
 * backwards.
 */
public final class RunAggregate {

    private final String runId;
    private final SeenKeys steps = new SeenKeys();
    private final SeenKeys checkpointVersions = new SeenKeys();
    private final MovingAverage discriminatorMovingAverage;
    private final MovingAverage generatorMovingAverage;
    private final TreeMap<Integer, EpochStats> epochs = new TreeMap<>();
    private final LossHistory history;
    private final QualityHistory quality = new QualityHistory();
    private LossEvent latest;
    private long lossEvents;
    private long duplicateLossEvents;
    private CheckpointEvent latestCheckpoint;
    private long checkpoints;
    private long duplicateCheckpoints;
    private RunStatus status;

    RunAggregate(String runId, AggregatorSettings settings) {
        this.runId = runId;
        this.discriminatorMovingAverage = new MovingAverage(settings.movingAverageWindow());
        this.generatorMovingAverage = new MovingAverage(settings.movingAverageWindow());
        this.history = new LossHistory(settings.historyCapacity());
    }

    public String runId() {
        return runId;
    }

    /** @return true if the step was new and is now counted, false for a duplicate */
    synchronized boolean acceptLoss(LossEvent event) {
        requireThisRun(event.runId());
        if (!steps.add(event.step())) {
            duplicateLossEvents++;
            return false;
        }
        lossEvents++;
        if (latest == null || event.step() > latest.step()) {
            latest = event;
        }
        discriminatorMovingAverage.add(event.discriminatorLoss());
        generatorMovingAverage.add(event.generatorLoss());
        epochs.computeIfAbsent(event.epoch(), EpochStats::new).add(event);
        history.add(event);
        return true;
    }

    /** @return true if the version was new and is now counted, false for a duplicate */
    synchronized boolean acceptCheckpoint(CheckpointEvent event) {
        requireThisRun(event.runId());
        if (!checkpointVersions.add(event.version())) {
            duplicateCheckpoints++;
            return false;
        }
        checkpoints++;
        if (latestCheckpoint == null || event.version() > latestCheckpoint.version()) {
            latestCheckpoint = event;
        }
        return true;
    }

    /**
     * Files the event's scores (if any) under its version. Independent of {@link #acceptCheckpoint}'s
     * de-duplication: a version announced again with a score of another N adds that score.
     *
     * @return true if the event brought a score not held yet
     */
    synchronized boolean acceptQuality(CheckpointEvent event) {
        requireThisRun(event.runId());
        return quality.add(event);
    }

    /** @return true if the status replaced the one held (it is newer) */
    synchronized boolean acceptStatus(RunStatus update) {
        requireThisRun(update.runId());
        if (status != null && !update.updatedAt().isAfter(status.updatedAt())) {
            return false;
        }
        status = update;
        return true;
    }

    /** Files a FINISHED status's final score (once). @return true if it was new */
    synchronized boolean acceptFinalScore(RunStatus finished) {
        requireThisRun(finished.runId());
        return quality.addFinal(finished);
    }

    // --- values for gauges: NaN when not known yet -------------------------------------------------

    public synchronized double discriminatorLoss() {
        return latest == null ? Double.NaN : latest.discriminatorLoss();
    }

    public synchronized double generatorLoss() {
        return latest == null ? Double.NaN : latest.generatorLoss();
    }

    public synchronized double dReal() {
        return latest == null ? Double.NaN : latest.dReal();
    }

    public synchronized double dFake() {
        return latest == null ? Double.NaN : latest.dFake();
    }

    public synchronized double imagesPerSecond() {
        return latest == null ? Double.NaN : latest.imagesPerSecond();
    }

    public synchronized double step() {
        return latest == null ? Double.NaN : latest.step();
    }

    public synchronized double epoch() {
        return latest == null ? Double.NaN : latest.epoch();
    }

    public synchronized double discriminatorLossMovingAverage() {
        return discriminatorMovingAverage.value();
    }

    public synchronized double generatorLossMovingAverage() {
        return generatorMovingAverage.value();
    }

    public synchronized double lossEvents() {
        return lossEvents;
    }

    public synchronized double duplicateLossEvents() {
        return duplicateLossEvents;
    }

    public synchronized double checkpoints() {
        return checkpoints;
    }

    public synchronized double duplicateCheckpoints() {
        return duplicateCheckpoints;
    }

    public synchronized double latestCheckpointVersion() {
        return latestCheckpoint == null ? Double.NaN : latestCheckpoint.version();
    }

    public synchronized double latestCheckpointSizeBytes() {
        return latestCheckpoint == null ? Double.NaN : latestCheckpoint.sizeBytes();
    }

    /** Fréchet distance of the newest scored checkpoint (headline series, see {@link QualityHistory}). */
    public synchronized double qualityFrechetDistance() {
        return latestScore(QualityScores::frechetDistance);
    }

    public synchronized double qualityInceptionScore() {
        return latestScore(QualityScores::inceptionScore);
    }

    public synchronized double qualityLabelEntropyBits() {
        return latestScore(QualityScores::labelEntropyBits);
    }

    /** NaN also when the newest scored checkpoint is of an unconditional generator. */
    public synchronized double qualityLabelAccuracy() {
        return latestScore(s -> s.labelAccuracy() == null ? Double.NaN : s.labelAccuracy());
    }

    /** N of the scores the quality gauges show. */
    public synchronized double qualitySamples() {
        return latestScore(QualityScores::samples);
    }

    /** The checkpoint version the quality gauges describe (may lag behind unscored newer versions). */
    public synchronized double qualityCheckpointVersion() {
        return quality.latest().map(s -> (double) s.version()).orElse(Double.NaN);
    }

    /** The lowest Fréchet distance of the run so far, among scores comparable with the gauges' (same N). */
    public synchronized double bestFrechetDistance() {
        return quality.best().map(s -> s.scores().frechetDistance()).orElse(Double.NaN);
    }

    /** A score of the run's last weights (the FINISHED status's, on its own N), NaN before the run finished. */
    public synchronized double finalScore(ToDoubleFunction<QualityScores> value) {
        return quality.finalScore().map(s -> value.applyAsDouble(s.scores())).orElse(Double.NaN);
    }

    public synchronized double plannedEpochs() {
        return status == null ? Double.NaN : status.epochs();
    }

    public synchronized double totalSteps() {
        return status == null ? Double.NaN : status.totalSteps();
    }

    /** The last completed epoch's number, NaN if none is complete yet. */
    public synchronized double completedEpoch() {
        EpochStats done = completed();
        return done == null ? Double.NaN : done.epoch();
    }

    /** A statistic of the last completed epoch, NaN if none is complete yet. */
    public synchronized double completedEpochStat(EpochQuantity quantity, EpochQuantity.Statistic statistic) {
        EpochStats done = completed();
        return done == null ? Double.NaN : statistic.of(quantity.of(done));
    }

    // --- snapshots for the REST API ------------------------------------------------------------------

    public synchronized RunSummary summary() {
        EpochStats done = completed();
        return new RunSummary(
                runId,
                status == null ? null : status.state().name(),
                status == null ? null : status.preset(),
                status == null ? null : status.epochs(),
                status == null ? null : status.totalSteps(),
                latest == null ? null : latest.step(),
                latest == null ? null : latest.epoch(),
                done == null ? null : done.epoch(),
                latest == null ? null : latest.discriminatorLoss(),
                latest == null ? null : latest.generatorLoss(),
                latest == null ? null : latest.dReal(),
                latest == null ? null : latest.dFake(),
                latest == null ? null : latest.imagesPerSecond(),
                latest == null ? null : discriminatorMovingAverage.value(),
                latest == null ? null : generatorMovingAverage.value(),
                lossEvents,
                duplicateLossEvents,
                checkpoints,
                latestCheckpoint == null ? null : latestCheckpoint.version(),
                quality.scoredVersions(),
                quality.latest().orElse(null),
                latest == null ? null : latest.time());
    }

    public synchronized List<EpochSummary> epochs() {
        EpochStats done = completed();
        int lastComplete = done == null ? Integer.MIN_VALUE : done.epoch();
        List<EpochSummary> result = new ArrayList<>(epochs.size());
        for (EpochStats stats : epochs.values()) {
            result.add(stats.summary(stats.epoch() <= lastComplete));
        }
        return result;
    }

    public synchronized List<LossPoint> history(int maxPoints) {
        return history.points(maxPoints);
    }

    public synchronized QualitySummary quality() {
        return new QualitySummary(checkpoints, quality.scoredVersions(), quality.headlineSeries().orElse(null),
                quality.latest().orElse(null), quality.best().orElse(null), quality.checkpoints(),
                quality.finalScore().orElse(null));
    }

    /** Memory held for de-duplication (intervals of counted steps): stays small for contiguous runs. */
    synchronized int stepIntervals() {
        return steps.intervalCount();
    }

    synchronized int historyBuckets() {
        return history.bucketCount();
    }

    /**
     * An epoch is complete once a later epoch has started, and the last one when the trainer reported the
     * run FINISHED (a stopped or failed run's last epoch is partial).
     */
    private EpochStats completed() {
        if (epochs.isEmpty()) {
            return null;
        }
        if (status != null && status.state() == RunStatus.State.FINISHED) {
            return epochs.lastEntry().getValue();
        }
        Map.Entry<Integer, EpochStats> before = epochs.lowerEntry(epochs.lastKey());
        return before == null ? null : before.getValue();
    }

    private double latestScore(ToDoubleFunction<QualityScores> value) {
        return quality.latest().map(s -> value.applyAsDouble(s.scores())).orElse(Double.NaN);
    }

    private void requireThisRun(String eventRunId) {
        if (!runId.equals(eventRunId)) {
            throw new IllegalArgumentException("event of run " + eventRunId + " given to run " + runId);
        }
    }
}
