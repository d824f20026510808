package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.TrainingRequest;
import java.util.Optional;

/**
 * The S3 and Kafka writes behind the request decisions (see {@code RunTrainer}). Each returns only once the write
 * is confirmed, and throws otherwise.
 */
public interface RunClaims {

    /** Stores the run's request in S3, then publishes RUNNING naming this instance. */
    void claim(TrainingRequest request);

    /** Publishes STOPPED for a run that was stopped while still queued. */
    void stopUnstarted(TrainingRequest request);

    /**
     * The request a run was claimed with, empty when none was stored or it is unreadable.
     *
     * @throws RuntimeException when S3 cannot be read
     */
    Optional<TrainingRequest> storedRequest(String runId);

    /** Publishes FAILED for a run that cannot go on. */
    void fail(String runId, RunStatus last, String message);
}
