package dev.digitgan.model.events;

/**
 * Every event carries the schema version it was written with, and the run it belongs to (its key); a
 * {@link PolicyChange} belongs to no run and has the one fleet key instead.
 */
public sealed interface Event permits TrainingRequest, RunCommand, RunStatus, LossEvent, CheckpointEvent,
        PolicyChange {

    /**
     * The schema version of events whose schema never changed; {@link SchemaVersions} says what each event type
     * writes and reads (a checkpoint event is at version 2).
     */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String runId();
}
