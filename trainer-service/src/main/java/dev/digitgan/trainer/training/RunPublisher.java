package dev.digitgan.trainer.training;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.events.TrainerEvents;
import dev.digitgan.trainer.progress.ProgressMeter;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.storage.StoredCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The service's {@link TrainingListener} for one run: a loss event per step, checkpoints stored in S3 and only
 * then announced, and the run's status at start, at every checkpoint, every few seconds and at the end.
 */
final class RunPublisher implements TrainingListener {

    private static final Logger LOG = Logger.getLogger(RunPublisher.class);
    /** Status updates between checkpoints, so that GET /runs/{id} shows progress on long epochs. */
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private final TrainingRequest request;
    private final TrainerEvents events;
    private final CheckpointStore store;
    private final RunTrainer.Settings settings;
    private final int stepsPerEpoch;
    private final Semaphore lossSlots;
    private final AtomicLong lossFailures = new AtomicLong();
    private long version;
    private TrainingProgress latest;
    private long nextStatusNanos;

    /**
     * @param lastVersion the newest stored checkpoint version of the run (0 if none): new ones count on from it
     */
    RunPublisher(TrainingRequest request, TrainerEvents events, CheckpointStore store, RunTrainer.Settings settings,
                 long lastVersion, int stepsPerEpoch) {
        this.request = request;
        this.events = events;
        this.store = store;
        this.settings = settings;
        this.version = lastVersion;
        this.stepsPerEpoch = stepsPerEpoch;
        this.lossSlots = new Semaphore(settings.maxLossEventsInFlight());
    }

    void started(long startStep, OptionalLong resumedVersion) {
        latest = new TrainingProgress(startStep, (int) Math.min(startStep / stepsPerEpoch + 1, request.epochs()),
                request.epochs(), stepsPerEpoch);
        String message = resumedVersion.isPresent()
                ? "resumed from checkpoint version " + resumedVersion.getAsLong() + " at step " + startStep
                : "training";
        RunTrainer.await(events.status(status(RunStatus.State.RUNNING, message)));
        nextStatusNanos = System.nanoTime() + STATUS_EVERY.toNanos();
    }

    @Override
    public void stepDone(TrainingProgress progress, StepResult result, double imagesPerSecond) {
        latest = progress;
        if (!Double.isFinite(result.dLoss()) || !Double.isFinite(result.gLoss())) {
            throw new IllegalStateException("training diverged at step " + progress.step() + ": D loss "
                    + result.dLoss() + ", G loss " + result.gLoss());
        }
        LossEvent event = new LossEvent(Event.SCHEMA_VERSION, request.runId(), progress.step(), progress.epoch(),
                result.dLoss(), result.gLoss(), result.dOfX(), result.dOfGz(), imagesPerSecond, Instant.now());
        try {
            // Back-pressure: when Kafka stalls, training waits instead of piling up events.
            lossSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
        events.loss(event).whenComplete((ok, error) -> {
            lossSlots.release();
            if (error != null && lossFailures.getAndIncrement() % 1000 == 0) {
                LOG.warnf("loss event of run %s step %d not delivered: %s", request.runId(), event.step(),
                        error.getMessage());
            }
        });
        if (System.nanoTime() >= nextStatusNanos) {
            events.status(status(RunStatus.State.RUNNING, "training"));
            nextStatusNanos = System.nanoTime() + STATUS_EVERY.toNanos();
        }
    }

    @Override
    public void checkpoint(GanModel model, TrainingProgress progress, StepResult last, CheckpointReason reason)
            throws Exception {
        latest = progress;
        if (reason == CheckpointReason.STOPPED) {
            // If the instance dies while storing the final checkpoint, its restart sees STOPPING and finishes the stop.
            RunTrainer.await(events.status(status(RunStatus.State.STOPPING, "stopping at step " + progress.step())));
        }
        long next = version + 1;
        Instant now = Instant.now();
        CheckpointManifest manifest = CheckpointManifest.of(request.runId(), next, model.spec(),
                progress.completedEpochs(), progress.step(), now,
                new CheckpointManifest.Losses(last.dLoss(), last.gLoss(), last.dOfX(), last.dOfGz()));
        byte[] zip = CheckpointFormat.toBytes(Checkpoint.snapshot(model, manifest));
        byte[] grid = SampleGrid.png(model);
        StoredCheckpoint stored = store.store(request.runId(), next, zip, grid);
        version = next;
        // Only now, with both objects confirmed in S3, is the checkpoint announced.
        RunTrainer.await(events.checkpoint(new CheckpointEvent(Event.SCHEMA_VERSION, request.runId(), next,
                stored.bucket(), stored.objectKey(), stored.sizeBytes(), stored.sha256(), model.spec(),
                progress.completedEpochs(), progress.step(), last.dLoss(), last.gLoss(), stored.gridKey(), now)));
        LOG.infof("run %s: checkpoint version %d stored (%s, epoch %d/%d, step %d/%d, %,d bytes, D %.4f G %.4f)",
                request.runId(), next, reason.name().toLowerCase().replace('_', ' '), progress.epoch(),
                progress.epochs(), progress.step(), progress.totalSteps(), stored.sizeBytes(), last.dLoss(),
                last.gLoss());
        if (reason != CheckpointReason.STOPPED) {
            events.status(status(RunStatus.State.RUNNING, "checkpoint " + next + " stored"));
        }
    }

    void finished(TrainingLoop.Outcome outcome) {
        flushLossEvents();
        switch (outcome) {
            case FINISHED -> {
                RunTrainer.await(events.status(status(RunStatus.State.FINISHED, "finished")));
                LOG.infof("run %s finished: %d steps, %d checkpoints", request.runId(), latest.step(), version);
            }
            case STOPPED -> {
                RunTrainer.await(events.status(status(RunStatus.State.STOPPED, "stopped at step " + latest.step())));
                LOG.infof("run %s stopped at step %d (checkpoint version %d)", request.runId(), latest.step(), version);
            }
            case INTERRUPTED -> LOG.infof("left run %s at step %d (newest checkpoint version %d); this instance"
                    + " resumes it when it starts again", request.runId(), latest.step(), version);
        }
    }

    void failed(String message) {
        flushLossEvents();
        RunTrainer.await(events.status(status(RunStatus.State.FAILED, message)));
    }

    /** Waits (bounded) until every loss event sent so far is acknowledged, so they precede the final status. */
    private void flushLossEvents() {
        int all = settings.maxLossEventsInFlight();
        try {
            if (lossSlots.tryAcquire(all, RunTrainer.SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                lossSlots.release(all);
            } else {
                LOG.warnf("run %s: %d loss events still unacknowledged", request.runId(),
                        all - lossSlots.availablePermits());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long failures = lossFailures.get();
        if (failures > 0) {
            LOG.warnf("run %s: %d loss events were not delivered", request.runId(), failures);
        }
    }

    private RunStatus status(RunStatus.State state, String message) {
        TrainingProgress p = latest;
        return new RunStatus(Event.SCHEMA_VERSION, request.runId(), state, request.preset(), p.epoch(),
                request.epochs(), p.step(), p.totalSteps(), version, settings.instanceId(), message, Instant.now());
    }
}
