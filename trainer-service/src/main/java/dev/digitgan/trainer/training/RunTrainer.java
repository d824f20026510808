package dev.digitgan.trainer.training;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.CheckpointScorer;
import dev.digitgan.model.train.EpochBatches;
import dev.digitgan.model.train.TrainingLoop;
import dev.digitgan.model.train.TrainingOptions;
import dev.digitgan.model.train.TrainingOutcome;
import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.kafka.AckWait;
import dev.digitgan.trainer.kafka.RunTakenOverException;
import dev.digitgan.trainer.kafka.RunWriter;
import dev.digitgan.trainer.kafka.RunWriters;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.queue.RunClaims;
import dev.digitgan.trainer.queue.RunControl;
import dev.digitgan.trainer.storage.CheckpointStore;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Trains one claimed run for the service: from its newest checkpoint in S3 that reads if there is one
 * ({@link CheckpointFallback}), else from scratch; publishes a loss event per step, stores checkpoints (then
 * announces them) and reports the run's status. Runs on the worker's thread, one run at a time.
 */
public final class RunTrainer implements RunClaims {

    private static final Logger LOG = Logger.getLogger(RunTrainer.class);
    /** {@code digitgan.trainer.kafka-ack-wait}'s default. */
    static final Duration DEFAULT_ACK_WAIT = Duration.ofMinutes(2);

    /**
     * @param instanceId            named in the statuses this trainer publishes
     * @param checkpointOnShutdown  store a checkpoint when the process shuts down mid-run
     * @param maxLossEventsInFlight loss events sent but not yet acknowledged before training waits
     * @param kafkaAckWait          how long a status or checkpoint event may take to be acknowledged, resends
     *                              included, before the run fails
     */
    public record Settings(String instanceId, boolean checkpointOnShutdown, int maxLossEventsInFlight,
                           Duration kafkaAckWait) {

        public Settings(String instanceId, boolean checkpointOnShutdown, int maxLossEventsInFlight) {
            this(instanceId, checkpointOnShutdown, maxLossEventsInFlight, DEFAULT_ACK_WAIT);
        }

        AckWait acks() {
            return new AckWait(kafkaAckWait, TrainerConfig.KAFKA_ACK_WAIT);
        }
    }

    /**
     * How checkpoints are scored: every checkpoint on {@code checkpointSamples} digits (its score travels in its
     * manifest and event), the run's last weights on {@code finalSamples} (in the final status).
     */
    public record Scoring(CheckpointScorer scorer, int checkpointSamples, int finalSamples) {
        /** Checkpoints without scores. */
        public static final Scoring NONE = new Scoring(CheckpointScorer.NONE, 0, 0);
    }

    private final Settings settings;
    private final TrainerEvents events;
    private final RunWriters writers;
    private final CheckpointStore store;
    private final MnistSource mnist;
    private final Scoring scoring;
    private final EventCodec codec = new EventCodec();
    private final AckWait acks;

    public RunTrainer(Settings settings, TrainerEvents events, CheckpointStore store, MnistSource mnist) {
        this(settings, events, store, mnist, Scoring.NONE);
    }

    public RunTrainer(Settings settings, TrainerEvents events, CheckpointStore store, MnistSource mnist,
            Scoring scoring) {
        this(settings, events, RunWriters.shared(events), store, mnist, scoring);
    }

    /** @param writers what a run's statuses and checkpoint events are written through while it trains */
    public RunTrainer(Settings settings, TrainerEvents events, RunWriters writers, CheckpointStore store,
                      MnistSource mnist, Scoring scoring) {
        this.settings = settings;
        this.events = events;
        this.writers = writers;
        this.store = store;
        this.mnist = mnist;
        this.scoring = scoring;
        this.acks = settings.acks();
    }

    public String instanceId() {
        return settings.instanceId();
    }

    /**
     * Makes the run this instance's: stores its request in S3 (what a resume needs) and publishes RUNNING naming
     * this instance, acknowledged by Kafka.
     *
     * @throws RuntimeException when S3 or Kafka do not confirm; the run is then not claimed
     */
    @Override
    public void claim(TrainingRequest request) {
        store.storeRequest(request.runId(), codec.encode(request));
        RunStatus running = status(request, RunStatus.State.RUNNING, 0, 0, 0, 0, "claimed");
        acks.send("RUNNING of run " + request.runId(), () -> events.status(running));
    }

    /**
     * Loads MNIST if it is not loaded yet, so that an instance without training data takes no requests.
     *
     * @throws java.io.UncheckedIOException saying what is missing (and to run scripts/fetch-mnist.sh)
     */
    public void prepare() {
        mnist.train();
    }

    /** The request a run was claimed with, if it was stored. */
    @Override
    public Optional<TrainingRequest> storedRequest(String runId) {
        try {
            return store.readRequest(runId).map(bytes -> codec.decode(bytes, TrainingRequest.class));
        } catch (EventFormatException e) {
            LOG.errorf("stored request of run %s is unreadable: %s", runId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Marks a run FAILED that cannot be resumed. */
    @Override
    public void fail(String runId, RunStatus last, String message) {
        LOG.errorf("run %s failed: %s", runId, message);
        RunStatus failed = new RunStatus(SchemaVersions.RUN_STATUS, runId, RunStatus.State.FAILED, last.preset(),
                last.epoch(), last.epochs(), last.step(), last.totalSteps(), last.checkpoints(), instanceId(), message,
                Instant.now(), null);
        acks.send("FAILED of run " + runId, () -> events.status(failed));
    }

    /** Marks a queued run STOPPED that was stopped before anyone trained it. */
    @Override
    public void stopUnstarted(TrainingRequest request) {
        RunStatus stopped = status(request, RunStatus.State.STOPPED, 0, 0, 0, 0, "stopped before training started");
        acks.send("STOPPED of run " + request.runId(), () -> events.status(stopped));
    }

    /**
     * Trains (or resumes) the run until it finishes, is stopped, or the process shuts down. Publishes FINISHED,
     * STOPPED or FAILED at the end; after a shutdown the status stays RUNNING so this instance resumes it.
     */
    /**
     * @param announced the newest checkpoint version the run's statuses count as announced (0 for a run that has
     *                  none): a newer one it resumes from was stored but not announced when its trainer died, and is
     *                  announced now, before training goes on
     */
    public void train(TrainingRequest request, RunControl control, long announced) {
        String runId = request.runId();
        RunPublisher publisher = null;
        RunWriter writer = null;
        try {
            // Opened first: through a fencing writer this is what takes the run from a previous owner for good.
            writer = writers.open(runId);
            GanSpec spec = RunSpecs.resolve(request);
            MnistDataset data = mnist.train();
            int interval = request.checkpointIntervalSteps() == null ? 0 : request.checkpointIntervalSteps();
            TrainingOptions options = new TrainingOptions(runId, request.epochs(), interval, SampleGrid.count(spec))
                    .scored(scoring.checkpointSamples(), scoring.finalSamples());
            TrainingLoop loop = new TrainingLoop(options, Clock.systemUTC(), scoring.scorer());
            int stepsPerEpoch = new EpochBatches(data, spec.batchSize(), spec.seed()).stepsPerEpoch();
            CheckpointFallback.Choice<Checkpoint> resume = CheckpointFallback.newestReadable(store.versions(runId),
                    version -> CheckpointFormat.read(new ByteArrayInputStream(store.read(runId, version))));
            for (CheckpointFallback.Skipped skipped : resume.skipped()) {
                LOG.warnf("run %s: checkpoint version %d does not read, skipped: %s", runId, skipped.version(),
                        skipped.reason());
            }
            String skipped = resume.skipped().isEmpty() ? "" : " (skipped " + resume.skipped().stream()
                    .map(CheckpointFallback.Skipped::toString).collect(Collectors.joining("; ")) + ")";
            // The versions trained from here count on from the one resumed (TrainingLoop.resume), so after a skip
            // they reuse the skipped numbers and overwrite their objects. That loses nothing (those bytes do not
            // read) and confuses no consumer. A skipped version that was announced gets a second event with another
            // SHA-256 (the manifest's time differs), which the sampler takes as the version re-published: its entry
            // replaced and a rejection of the old bytes cleared (VersionRegistry.record), so a fetch between the
            // overwrite and the new event, refused for its SHA-256, is tried again. The metrics service counts a
            // version once. One never announced simply gets its first event. The resume is exact (shared-model's
            // ResumeTest), so a sampler still serving the old version from memory serves the very weights of the
            // new one; CorruptCheckpointTest checks the events, the objects and the weights.
            TrainingOutcome outcome;
            if (resume.from().isPresent()) {
                long version = resume.from().get().version();
                Checkpoint checkpoint = resume.from().get().checkpoint();
                long step = checkpoint.manifest().step();
                LOG.infof("run %s resumed from checkpoint version %d (epoch %d, step %d)", runId, version,
                        checkpoint.manifest().epoch(), step);
                // The statuses count only what was announced: one that says "resumed" must not count a version this
                // resume has yet to announce, or a kill right after it would leave that version unannounced for good.
                publisher = new RunPublisher(request, control, writer, store, settings, stepsPerEpoch, step,
                        Math.min(version, announced));
                publisher.started("resumed from checkpoint version " + version + " at step " + step + skipped);
                if (version > announced) {
                    // Stored, then the trainer died before the event: the same objects again, then the event.
                    LOG.infof("run %s: checkpoint version %d was stored but not announced (statuses count %d);"
                            + " announcing it", runId, version, announced);
                    publisher.onCheckpoint(checkpoint);
                }
                outcome = loop.resume(checkpoint, data, publisher);
            } else {
                if (!skipped.isEmpty()) {
                    LOG.warnf("run %s starts from scratch: none of its stored checkpoints reads", runId);
                }
                publisher = new RunPublisher(request, control, writer, store, settings, stepsPerEpoch, 0, 0);
                publisher.started(skipped.isEmpty() ? "training" : "training from scratch" + skipped);
                outcome = loop.train(spec, data, publisher);
            }
            publisher.finished(outcome.stopped(), outcome.finalQuality());
        } catch (Exception e) {
            if (RunTakenOverException.in(e)) {
                LOG.warnf("run %s: %s; left without another write", runId, e.getMessage());
                return;
            }
            if (control.shutdownRequested()) {
                LOG.warnf("run %s interrupted by shutdown: %s", runId, e.getMessage());
                return;
            }
            LOG.errorf(e, "run %s failed", runId);
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (publisher != null) {
                try {
                    publisher.failed(message);
                } catch (RuntimeException notWritten) {
                    if (!RunTakenOverException.in(notWritten)) {
                        throw notWritten;
                    }
                    LOG.warnf("run %s: %s; its failure is not this instance's to publish", runId,
                            notWritten.getMessage());
                }
            } else {
                RunStatus failed = status(request, RunStatus.State.FAILED, 0, 0, 0, 0, message);
                acks.send("FAILED of run " + runId, () -> events.status(failed));
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private RunStatus status(TrainingRequest request, RunStatus.State state, int epoch, long step, long totalSteps,
                             long checkpoints, String message) {
        return new RunStatus(SchemaVersions.RUN_STATUS, request.runId(), state, request.preset(), epoch,
                request.epochs(), step, totalSteps, checkpoints, instanceId(), message, Instant.now(),
                null);
    }
}
