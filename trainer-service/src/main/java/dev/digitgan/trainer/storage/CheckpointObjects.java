package dev.digitgan.trainer.storage;

/** Where a run's checkpoints are stored before they are announced (see {@link CheckpointStore}). */
public interface CheckpointObjects {

    /**
     * Stores the checkpoint zip and its sample grid and returns only once both are confirmed.
     *
     * @throws StorageException when a write fails or is not confirmed: nothing may be announced
     */
    StoredCheckpoint store(String runId, long version, byte[] zip, byte[] gridPng);
}
