package dev.digitgan.trainer.training;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.train.EpochBatches;
import dev.digitgan.model.train.GanTrainer;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.progress.ProgressMeter;
import dev.digitgan.trainer.training.TrainingListener.CheckpointReason;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a model for a number of epochs from a given step (0 for a new run, the checkpoint's step when resuming),
 * asking for checkpoints every {@code checkpointIntervalSteps} steps and at every epoch end. Between steps it
 * checks whether it should stop (a STOP command: final checkpoint, then {@link Outcome#STOPPED}) or leave (the
 * process shuts down: {@link Outcome#INTERRUPTED}, with a checkpoint only if asked for).
 *
 * <p>Because the batches of epoch e and the noise of step k depend only on the seed, e and k, a run resumed from
 * the checkpoint at step s continues exactly as the uninterrupted run would have.
 */
public final class TrainingLoop {

    public enum Outcome { FINISHED, STOPPED, INTERRUPTED }

    private final GanModel model;
    private final EpochBatches batches;
    private final int epochs;
    private final int checkpointIntervalSteps;
    private final long startStep;

    /**
     * @param checkpointIntervalSteps 0 for epoch ends only
     * @param startStep               steps already done (a resumed checkpoint's step), 0 for a new run
     */
    public TrainingLoop(GanModel model, MnistDataset data, int epochs, int checkpointIntervalSteps, long startStep) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (checkpointIntervalSteps < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, got " + checkpointIntervalSteps);
        }
        this.model = model;
        this.batches = new EpochBatches(data, model.spec().batchSize(), model.spec().seed());
        this.epochs = epochs;
        this.checkpointIntervalSteps = checkpointIntervalSteps;
        long total = (long) epochs * batches.stepsPerEpoch();
        if (startStep < 0 || startStep > total) {
            throw new IllegalArgumentException("start step " + startStep + " outside 0.." + total + " (" + epochs
                    + " epochs of " + batches.stepsPerEpoch() + " steps)");
        }
        this.startStep = startStep;
    }

    public int stepsPerEpoch() {
        return batches.stepsPerEpoch();
    }

    public long totalSteps() {
        return (long) epochs * batches.stepsPerEpoch();
    }

    /**
     * @param stop                 true once the run should stop after the current step
     * @param shutdown             true once the process is going away
     * @param checkpointOnShutdown take a checkpoint before leaving on shutdown
     */
    public Outcome run(TrainingListener listener, BooleanSupplier stop, BooleanSupplier shutdown,
                       boolean checkpointOnShutdown) throws Exception {
        GanTrainer trainer = new GanTrainer(model);
        ProgressMeter meter = ProgressMeter.systemClock();
        int perEpoch = batches.stepsPerEpoch();
        long step = startStep;
        long lastCheckpoint = startStep;
        StepResult last = null;
        for (int epoch = (int) (startStep / perEpoch); epoch < epochs; epoch++) {
            int firstBatch = epoch == startStep / perEpoch ? (int) (startStep % perEpoch) : 0;
            Iterator<INDArray> it = batches.epoch(epoch, firstBatch);
            while (it.hasNext()) {
                if (stop.getAsBoolean()) {
                    if (last != null && lastCheckpoint != step) {
                        listener.checkpoint(model, progress(step, epoch), last, CheckpointReason.STOPPED);
                    }
                    return Outcome.STOPPED;
                }
                if (shutdown.getAsBoolean()) {
                    if (checkpointOnShutdown && last != null && lastCheckpoint != step) {
                        listener.checkpoint(model, progress(step, epoch), last, CheckpointReason.SHUTDOWN);
                    }
                    return Outcome.INTERRUPTED;
                }
                last = trainer.step(it.next(), step);
                step++;
                meter.stepDone(batches.batchSize());
                TrainingProgress now = progress(step, epoch);
                listener.stepDone(now, last, meter.imagesPerSecond());
                if (now.endOfEpoch()) {
                    listener.checkpoint(model, now, last, CheckpointReason.EPOCH_END);
                    lastCheckpoint = step;
                } else if (checkpointIntervalSteps > 0 && step % checkpointIntervalSteps == 0) {
                    listener.checkpoint(model, now, last, CheckpointReason.INTERVAL);
                    lastCheckpoint = step;
                }
            }
        }
        return Outcome.FINISHED;
    }

    private TrainingProgress progress(long step, int epochIndex) {
        return new TrainingProgress(step, epochIndex + 1, epochs, batches.stepsPerEpoch());
    }
}
