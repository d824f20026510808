package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All runs' aggregates, keyed by run id. Pure logic (no Kafka, no CDI): the consumers feed it decoded
 * events, in any number and any repetition, and the same events in the same per-run order always give
 * the same aggregates. That is what makes "restart = rebuild from the topics" safe.
 */
public final class LossAggregator {

    private final AggregatorSettings settings;
    private final RunListener listener;
    private final ConcurrentHashMap<String, RunAggregate> runs = new ConcurrentHashMap<>();

    public LossAggregator(AggregatorSettings settings, RunListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** @return true if the step was counted, false if it was a duplicate */
    public boolean accept(LossEvent event) {
        boolean counted = runFor(event.runId()).acceptLoss(event);
        if (counted) {
            listener.lossAccepted(event);
        }
        return counted;
    }

    /**
     * Counts the version (once) and files its quality scores (once per version and {@link ScoreSeries}).
     *
     * @return true if the version was counted, false if it was a duplicate
     */
    public boolean accept(CheckpointEvent event) {
        RunAggregate run = runFor(event.runId());
        boolean counted = run.acceptCheckpoint(event);
        if (run.acceptQuality(event)) {
            listener.qualityScored(run, event.quality());
        }
        return counted;
    }

    /**
     * Keeps the newest status, and files a FINISHED status's final score (once, whatever order the topics are
     * read in) as a score of the run's last checkpoint.
     *
     * @return true if the status is now the run's newest
     */
    public boolean accept(RunStatus status) {
        RunAggregate run = runFor(status.runId());
        boolean newest = run.acceptStatus(status);
        if (run.acceptFinalScore(status)) {
            listener.qualityScored(run, status.finalQuality());
            listener.finalScored(run, status.finalQuality());
        }
        return newest;
    }

    public Optional<RunAggregate> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** Every run seen, by run id. */
    public List<RunAggregate> runs() {
        return runs.values().stream().sorted(Comparator.comparing(RunAggregate::runId)).toList();
    }

    private RunAggregate runFor(String runId) {
        RunAggregate run = runs.get(runId);
        if (run != null) {
            return run;
        }
        RunAggregate created = new RunAggregate(runId, settings);
        RunAggregate raced = runs.putIfAbsent(runId, created);
        if (raced != null) {
            return raced;
        }
        listener.runAdded(created);
        return created;
    }
}
