package dev.digitgan.model.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which schema version each event type writes and which older versions it still reads. The one place a version
 * is bumped: a reader accepts every version from {@link #oldest} to {@link #current}, and {@link #upgrade} turns
 * an older document into the current shape before it is bound (a field that did not exist yet becomes null).
 *
 * <p>History: checkpoint events v2 added {@code quality} (the evaluator's scores of the checkpoint).
 */
public final class SchemaVersions {

    /** Checkpoint events: v2 carries {@code quality}; v1 (no scores) is still read. */
    public static final int CHECKPOINT_EVENT = 2;

    public static int current(Class<? extends Event> type) {
        return type == CheckpointEvent.class ? CHECKPOINT_EVENT : Event.SCHEMA_VERSION;
    }

    public static int oldest(Class<? extends Event> type) {
        return Event.SCHEMA_VERSION;
    }

    public static boolean readable(Class<? extends Event> type, int version) {
        return version >= oldest(type) && version <= current(type);
    }

    /** Fills in, as null, the fields a document of an older version cannot have. */
    static void upgrade(Class<? extends Event> type, ObjectNode document) {
        if (type == CheckpointEvent.class && document.path("schemaVersion").asInt() < 2 && !document.has("quality")) {
            document.putNull("quality");
        }
    }

    static String describe(int oldest, int current) {
        return oldest == current ? "version " + current : "versions " + oldest + " to " + current;
    }

    private SchemaVersions() {
    }
}
