package dev.digitgan.trainer.training;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.train.StepResult;

/**
 * What a {@link TrainingLoop} reports, on the training thread. The CLI writes files from it; the service
 * publishes events and stores checkpoints in S3.
 */
public interface TrainingListener {

    /** Why a checkpoint is taken now. */
    enum CheckpointReason { INTERVAL, EPOCH_END, STOPPED, SHUTDOWN }

    /**
     * @param imagesPerSecond training speed over the recent steps
     */
    void stepDone(TrainingProgress progress, StepResult result, double imagesPerSecond);

    /**
     * A checkpoint is due. The model must only be read (snapshot, generate) before returning: training continues
     * on it afterwards.
     *
     * @param last the readings of the step just done
     */
    void checkpoint(GanModel model, TrainingProgress progress, StepResult last, CheckpointReason reason)
            throws Exception;
}
