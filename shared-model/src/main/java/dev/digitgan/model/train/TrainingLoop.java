package dev.digitgan.model.train;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a GAN for a number of epochs over a dataset: per batch one {@link GanTrainer#step}, with progress, epoch
 * samples and checkpoints reported to a {@link TrainingListener}. Can start fresh from a {@link GanSpec} or resume
 * from a {@link Checkpoint}; a resumed run takes the same steps (same batches, z and dropout masks) as an
 * uninterrupted one.
 */
public final class TrainingLoop {

    /** Draw index of the run's fixed z; training steps use draws 0, 1, 2, ... */
    private static final long FIXED_Z_DRAW = -1;
    /** Weight of the newest step in the smoothed images/s. */
    private static final double RATE_SMOOTHING = 0.1;
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final TrainingOptions options;
    private final Clock clock;
    private final CheckpointScorer scorer;

    public TrainingLoop(TrainingOptions options) {
        this(options, Clock.systemUTC());
    }

    public TrainingLoop(TrainingOptions options, Clock clock) {
        this(options, clock, CheckpointScorer.NONE);
    }

    /**
     * @param scorer scores each checkpoint (on {@link TrainingOptions#checkpointSamples()} digits, into its
     *               manifest) and the last weights ({@link TrainingOptions#finalSamples()}, into the outcome)
     */
    public TrainingLoop(TrainingOptions options, Clock clock, CheckpointScorer scorer) {
        this.options = options;
        this.clock = clock;
        this.scorer = scorer;
    }

    /** Trains a new model of {@code spec} for {@code epochs} epochs under a run id made of preset and time. */
    public static TrainingOutcome run(GanSpec spec, MnistDataset dataset, int epochs, TrainingListener listener) {
        String runId = spec.preset() + "-" + RUN_ID_TIME.format(Instant.now());
        return new TrainingLoop(TrainingOptions.of(runId, epochs)).train(spec, dataset, listener);
    }

    /** The z behind every epoch's sample grid of a run of {@code spec}: fixed by the spec's seed. */
    public static float[] fixedZ(GanSpec spec, int count) {
        return new LatentSource(spec.latentSize(), spec.seed()).sample(FIXED_Z_DRAW, count);
    }

    public TrainingOutcome train(GanSpec spec, MnistDataset dataset, TrainingListener listener) {
        return loop(GanNetworks.create(spec), dataset, 0, 1, null, listener);
    }

    /**
     * Continues the run of {@code checkpoint} up to {@link TrainingOptions#epochs()}; checkpoint versions continue
     * from the checkpoint's.
     */
    public TrainingOutcome resume(Checkpoint checkpoint, MnistDataset dataset, TrainingListener listener) {
        CheckpointManifest manifest = checkpoint.manifest();
        StepResult last = manifest.losses() == null ? null : new StepResult(manifest.losses().dLoss(),
                manifest.losses().gLoss(), manifest.losses().dOfX(), manifest.losses().dOfGz());
        return loop(checkpoint.toModel(), dataset, manifest.step(), manifest.version() + 1, last, listener);
    }

    private TrainingOutcome loop(GanModel model, MnistDataset dataset, long startStep, long nextVersion,
            StepResult lastResult, TrainingListener listener) {
        TrainingListener callbacks = listener == null ? new TrainingListener() { } : listener;
        GanSpec spec = model.spec();
        EpochBatches batches = new EpochBatches(dataset, spec.batchSize(), spec.seed());
        int stepsPerEpoch = batches.stepsPerEpoch();
        int epochs = options.epochs();
        long totalSteps = (long) epochs * stepsPerEpoch;
        if (startStep > totalSteps) {
            throw new IllegalArgumentException("cannot resume at step " + startStep + ": a " + epochs + "-epoch run of "
                    + stepsPerEpoch + " steps per epoch ends at step " + totalSteps);
        }
        GanTrainer trainer = new GanTrainer(model);
        Generator generator = Generator.of(model.servedGenerator(), spec);
        float[] fixedZ = fixedZ(spec, options.sampleCount());

        long loopStart = System.nanoTime();
        long step = startStep;
        long version = nextVersion;
        long lastCheckpointStep = startStep;
        long lastCheckpointVersion = 0;
        double smoothedStepNanos = 0;
        boolean stopped = false;
        StepResult last = lastResult;

        for (int epoch = (int) (step / stepsPerEpoch); epoch < epochs && !stopped; epoch++) {
            Iterator<INDArray> it = batches.epoch(epoch, (int) (step - (long) epoch * stepsPerEpoch));
            EpochMeans means = new EpochMeans();
            long epochNanos = 0;
            while (it.hasNext()) {
                if (callbacks.stopRequested()) {
                    stopped = true;
                    break;
                }
                long t0 = System.nanoTime();
                StepResult result = trainer.step(it.next(), batches.labels(), step);
                long nanos = System.nanoTime() - t0;
                step++;
                epochNanos += nanos;
                smoothedStepNanos = smoothedStepNanos == 0 ? nanos
                        : (1 - RATE_SMOOTHING) * smoothedStepNanos + RATE_SMOOTHING * nanos;
                means.add(result);
                last = result;
                callbacks.onStep(new StepProgress(epoch + 1, epochs, step, totalSteps,
                        (int) (step - (long) epoch * stepsPerEpoch), stepsPerEpoch, result,
                        spec.batchSize() * 1e9 / smoothedStepNanos, Duration.ofNanos(System.nanoTime() - loopStart)));
                boolean epochEnds = !it.hasNext();
                if (!epochEnds && options.checkpointEverySteps() > 0 && step % options.checkpointEverySteps() == 0) {
                    callbacks.onCheckpoint(snapshot(model, generator, version, step, stepsPerEpoch, last));
                    lastCheckpointVersion = version++;
                    lastCheckpointStep = step;
                }
            }
            if (!stopped) {
                callbacks.onEpochEnd(new EpochSummary(epoch + 1, epochs, step, means.mean(),
                        Duration.ofNanos(epochNanos), means.count() * spec.batchSize() * 1e9 / Math.max(1, epochNanos),
                        generator.generate(fixedZ, options.sampleCount()), options.sampleCount()));
                callbacks.onCheckpoint(snapshot(model, generator, version, step, stepsPerEpoch, last));
                lastCheckpointVersion = version++;
                lastCheckpointStep = step;
            }
        }
        if (stopped && step > lastCheckpointStep) {
            callbacks.onCheckpoint(snapshot(model, generator, version, step, stepsPerEpoch, last));
            lastCheckpointVersion = version;
        }
        QualityScores finalQuality = options.finalSamples() == 0 ? null
                : scorer.score(generator, options.finalSamples());
        return new TrainingOutcome(model, step, (int) (step / stepsPerEpoch), stopped, last, lastCheckpointVersion,
                finalQuality);
    }

    private Checkpoint snapshot(GanModel model, Generator generator, long version, long step, int stepsPerEpoch,
            StepResult last) {
        CheckpointManifest.Losses losses = last == null ? null
                : new CheckpointManifest.Losses(last.dLoss(), last.gLoss(), last.dOfX(), last.dOfGz());
        // Scored here, on the training thread between steps, so that the score is of exactly these weights and
        // is in the manifest before anything is stored or announced.
        QualityScores quality = options.checkpointSamples() == 0 ? null
                : scorer.score(generator, options.checkpointSamples());
        if (quality != null) {
            releaseWorkspaces();
        }
        return Checkpoint.snapshot(model, CheckpointManifest.of(options.runId(), version, model.spec(),
                (int) (step / stepsPerEpoch), step, clock.instant(), losses).withQuality(quality));
    }

    /**
     * Frees the training thread's ND4J workspaces; the next step sets them up again. Why: a checkpoint's scoring
     * (G and the classifier in inference, other array sizes than a step's) between training steps left native
     * memory behind each time, about 4.5 MiB per scoring of 2,000 digits for {@code mlp}, which only a full GC
     * freed: the trainer's resident set rose for as long as it trained (2,950 MiB after 15 minutes of {@code mlp},
     * where JavaCPP's bound then ran the GC). Steps alone, or scoring alone, kept it flat. Nothing outlives a step
     * or a scoring in these workspaces, and they change no value ({@code TrainingLoopTest}).
     */
    private static void releaseWorkspaces() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    /** Running means of an epoch's step readings. */
    private static final class EpochMeans {
        private int count;
        private double dLoss;
        private double gLoss;
        private double dOfX;
        private double dOfGz;

        void add(StepResult r) {
            count++;
            dLoss += r.dLoss();
            gLoss += r.gLoss();
            dOfX += r.dOfX();
            dOfGz += r.dOfGz();
        }

        int count() {
            return count;
        }

        StepResult mean() {
            int n = Math.max(1, count);
            return new StepResult(dLoss / n, gLoss / n, dOfX / n, dOfGz / n);
        }
    }
}
