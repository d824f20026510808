package dev.digitgan.model.events;

/** Every event carries the schema version it was written with, and the run it belongs to (its key). */
public sealed interface Event permits TrainingRequest, RunCommand, RunStatus, LossEvent, CheckpointEvent {

    /** The schema version every event of this code base writes; readers reject other versions. */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String runId();
}
