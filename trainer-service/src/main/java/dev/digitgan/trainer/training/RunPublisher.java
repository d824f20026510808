package dev.digitgan.trainer.training;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointBytes;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.GeneratorPart;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.train.EpochSummary;
import dev.digitgan.model.train.StepProgress;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.model.train.TrainingListener;
import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.kafka.AckWait;
import dev.digitgan.trainer.kafka.RunEvents;
import dev.digitgan.trainer.progress.ProgressLine;
import dev.digitgan.trainer.queue.RunControl;
import dev.digitgan.trainer.storage.CheckpointObjects;
import dev.digitgan.trainer.storage.StoredCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The service's listener of one run's training loop: a loss event per step, each checkpoint stored in S3 (zip and
 * grid) and only then announced, and the run's status at start, at every checkpoint, every few seconds and at the
 * end. It also tells the loop when to stop: on a STOP command, or when the instance shuts down.
 *
 * <p>What happens on each failure: a write that Kafka or S3 does not confirm throws, which ends the training loop,
 * and the run then fails ({@link RunTrainer}). A checkpoint whose objects were not confirmed is never announced; one
 * whose event was not acknowledged stays in S3 unannounced, and a resume continues after its version. Loss events
 * are not waited for one by one (at most {@code maxLossEventsInFlight} unacknowledged), only before the final
 * status; one that is not delivered is counted and logged. The Kafka and S3 writes and the clock are injected, so
 * that these decisions are tested without either.
 */
final class RunPublisher implements TrainingListener {

    private static final Logger LOG = Logger.getLogger(RunPublisher.class);
    /** Status updates between checkpoints, so that GET /runs/{id} shows progress on long epochs. */
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    /** Where the run is, as far as the statuses tell. */
    private record Position(int epoch, long step, long totalSteps) {
    }

    private final TrainingRequest request;
    private final RunControl control;
    private final RunEvents events;
    private final CheckpointObjects objects;
    private final RunTrainer.Settings settings;
    private final Duration sendTimeout;
    private final AckWait acks;
    private final LongSupplier nanoTime;
    private final int stepsPerEpoch;
    private final Semaphore lossSlots;
    private final AtomicLong lossFailures = new AtomicLong();
    private long checkpoints;
    private Position position;
    private long nextStatusNanos;

    /**
     * @param stepsPerEpoch full batches per epoch (for statuses before the first step and checkpoint naming)
     * @param startStep     steps done before this loop (a resumed checkpoint's step)
     * @param checkpoints   checkpoints stored before this loop (the resumed checkpoint's version)
     */
    RunPublisher(TrainingRequest request, RunControl control, RunEvents events, CheckpointObjects objects,
                 RunTrainer.Settings settings, int stepsPerEpoch, long startStep, long checkpoints) {
        this(request, control, events, objects, settings, stepsPerEpoch, startStep, checkpoints,
                settings.kafkaAckWait(), System::nanoTime);
    }

    /**
     * @param sendTimeout how long an acknowledged write may take, resends included, before it counts as failed
     * @param nanoTime    the clock of the periodic statuses
     */
    RunPublisher(TrainingRequest request, RunControl control, RunEvents events, CheckpointObjects objects,
                 RunTrainer.Settings settings, int stepsPerEpoch, long startStep, long checkpoints,
                 Duration sendTimeout, LongSupplier nanoTime) {
        this.request = request;
        this.control = control;
        this.events = events;
        this.objects = objects;
        this.settings = settings;
        this.sendTimeout = sendTimeout;
        this.acks = new AckWait(sendTimeout, TrainerConfig.KAFKA_ACK_WAIT);
        this.nanoTime = nanoTime;
        this.stepsPerEpoch = stepsPerEpoch;
        this.checkpoints = checkpoints;
        this.lossSlots = new Semaphore(settings.maxLossEventsInFlight());
        this.position = new Position((int) Math.min(startStep / stepsPerEpoch + 1, request.epochs()), startStep,
                (long) request.epochs() * stepsPerEpoch);
    }

    /** Publishes RUNNING before the first step (acknowledged). */
    void started(String message) {
        await(status(RunStatus.State.RUNNING, message));
        nextStatusNanos = nanoTime.getAsLong() + STATUS_EVERY.toNanos();
    }

    @Override
    public boolean stopRequested() {
        return control.stopRequested() || control.shutdownRequested();
    }

    @Override
    public void onStep(StepProgress progress) {
        position = new Position(progress.epoch(), progress.step(), progress.totalSteps());
        StepResult result = progress.result();
        if (!Double.isFinite(result.dLoss()) || !Double.isFinite(result.gLoss())) {
            throw new IllegalStateException("training diverged at step " + progress.step() + ": D loss "
                    + result.dLoss() + ", G loss " + result.gLoss());
        }
        LossEvent event = new LossEvent(Event.SCHEMA_VERSION, request.runId(), progress.step(), progress.epoch(),
                result.dLoss(), result.gLoss(), result.dOfX(), result.dOfGz(), progress.imagesPerSecond(),
                Instant.now());
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
        if (nanoTime.getAsLong() >= nextStatusNanos) {
            events.status(status(RunStatus.State.RUNNING, "training"));
            nextStatusNanos = nanoTime.getAsLong() + STATUS_EVERY.toNanos();
        }
    }

    @Override
    public void onEpochEnd(EpochSummary summary) {
        LOG.infof("run %s: epoch %d/%d done in %s (%,.0f img/s), mean D loss %.4f, G loss %.4f", request.runId(),
                summary.epoch(), summary.epochs(), ProgressLine.human(summary.duration()), summary.imagesPerSecond(),
                summary.mean().dLoss(), summary.mean().gLoss());
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        publish(checkpoint.manifest(), () -> encode(checkpoint));
    }

    /**
     * Store-then-announce: (STOPPING first if the run is stopping,) the objects stored and confirmed, then the
     * checkpoint event acknowledged, then a RUNNING status.
     *
     * @param encoding the zip and grid; not computed for a checkpoint that is skipped
     * @return false if the checkpoint was skipped (a shutdown configured to leave like a crash would)
     */
    boolean publish(CheckpointManifest manifest, Supplier<EncodedCheckpoint> encoding) {
        String reason = reason(manifest.step());
        if (control.shutdownRequested() && !control.stopRequested() && !settings.checkpointOnShutdown()) {
            return false; // configured to leave like a crash would: the restart resumes from the previous checkpoint
        }
        if (control.stopRequested()) {
            // If the instance dies while storing the final checkpoint, its restart sees STOPPING and finishes the stop.
            await(status(RunStatus.State.STOPPING, "stopping at step " + manifest.step()));
        } else {
            // Written before the objects: through a fencing writer it fails if the run was taken over meanwhile, so
            // that a stale owner does not overwrite the new owner's objects of this version.
            await(status(RunStatus.State.RUNNING, "storing checkpoint " + manifest.version()));
        }
        EncodedCheckpoint encoded = encoding.get();
        StoredCheckpoint stored = objects.store(request.runId(), manifest.version(), encoded.zip(),
                encoded.gridPng());
        checkpoints = manifest.version();
        double dLoss = manifest.losses() == null ? 0 : manifest.losses().dLoss();
        double gLoss = manifest.losses() == null ? 0 : manifest.losses().gLoss();
        // Only now, with both objects confirmed in S3, is the checkpoint announced.
        CheckpointEvent event = new CheckpointEvent(Event.SCHEMA_VERSION, request.runId(),
                manifest.version(), stored.bucket(), stored.objectKey(), stored.sizeBytes(), stored.sha256(),
                manifest.spec(), manifest.epoch(), manifest.step(), dLoss, gLoss, stored.gridKey(),
                manifest.createdAt()).withQuality(manifest.quality()).withGeneratorPart(encoded.generatorPart());
        RunStatus counted = control.stopRequested()
                ? status(RunStatus.State.STOPPING, "final checkpoint " + manifest.version() + " stored")
                : status(RunStatus.State.RUNNING, "checkpoint " + manifest.version() + " stored");
        acks.send("checkpoint event " + manifest.version() + " of run " + request.runId(),
                () -> events.checkpoint(event, counted));
        LOG.infof("run %s: checkpoint version %d stored (%s, epoch %d/%d, step %d/%d, %,d bytes, D %.4f G %.4f)%s",
                request.runId(), manifest.version(), reason, position.epoch(), request.epochs(), manifest.step(),
                position.totalSteps(), stored.sizeBytes(), dLoss, gLoss,
                manifest.quality() == null ? "" : "; " + manifest.quality().summary());
        return true;
    }

    private EncodedCheckpoint encode(Checkpoint checkpoint) {
        try {
            CheckpointBytes bytes = CheckpointFormat.encode(checkpoint);
            return new EncodedCheckpoint(bytes.zip(),
                    SampleGrid.png(checkpoint.manifest().spec(), checkpoint.generator()),
                    new GeneratorPart(bytes.generatorPartBytes(), bytes.generatorPartSha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise checkpoint " + checkpoint.manifest().version()
                    + " of run " + request.runId(), e);
        }
    }

    void finished(boolean stopped) {
        finished(stopped, null);
    }

    /** @param finalQuality the last weights' scores (at the report N), named in the FINISHED status; or null */
    void finished(boolean stopped, QualityScores finalQuality) {
        flushLossEvents();
        if (!stopped) {
            String quality = finalQuality == null ? "" : "; " + finalQuality.summary();
            await(status(RunStatus.State.FINISHED, "finished" + quality, finalQuality));
            LOG.infof("run %s finished: %d steps, %d checkpoints%s", request.runId(), position.step(), checkpoints,
                    quality);
        } else if (control.stopRequested()) {
            await(status(RunStatus.State.STOPPED, "stopped at step " + position.step()));
            LOG.infof("run %s stopped at step %d (checkpoint version %d)", request.runId(), position.step(),
                    checkpoints);
        } else {
            LOG.infof("left run %s at step %d (newest checkpoint version %d); this instance resumes it when it"
                    + " starts again", request.runId(), position.step(), checkpoints);
        }
    }

    void failed(String message) {
        flushLossEvents();
        await(status(RunStatus.State.FAILED, message));
    }

    private String reason(long step) {
        if (control.stopRequested()) {
            return "stop";
        }
        if (control.shutdownRequested()) {
            return "shutdown";
        }
        return step % stepsPerEpoch == 0 ? "epoch end" : "interval";
    }

    /** Waits (bounded) until every loss event sent so far is acknowledged, so they precede the final status. */
    private void flushLossEvents() {
        int all = settings.maxLossEventsInFlight();
        try {
            if (lossSlots.tryAcquire(all, sendTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
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

    /** Publishes a status and waits for its acknowledgement, sending it again after a transient failure. */
    private void await(RunStatus status) {
        acks.send(status.state() + " of run " + request.runId(), () -> events.status(status));
    }

    private RunStatus status(RunStatus.State state, String message) {
        return status(state, message, null);
    }

    private RunStatus status(RunStatus.State state, String message, QualityScores finalQuality) {
        Position p = position;
        return new RunStatus(SchemaVersions.RUN_STATUS, request.runId(), state, request.preset(), p.epoch(),
                request.epochs(), p.step(), p.totalSteps(), checkpoints, settings.instanceId(), message, Instant.now(),
                finalQuality);
    }
}
