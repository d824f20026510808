package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.sampler.model.ModelRejectedException;

/** Where the bytes a checkpoint event announces are read from (S3 in the service). */
public interface CheckpointSource {

    /**
     * @throws ModelRejectedException {@code FETCH_FAILED} when unreadable, {@code SIZE_MISMATCH} when the
     *                                object's size is not the event's
     */
    byte[] fetch(CheckpointEvent event) throws ModelRejectedException;
}
