package dev.digitgan.model.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Which schema version each event type writes and which older versions it still reads. The one place a version
 * is bumped: a reader accepts every version from {@link #oldest} to {@link #current}, and {@link #upgrade} turns
 * an older document into the current shape before it is bound (a field that did not exist yet becomes null).
 *
 * <p>History: checkpoint events v2 added {@code quality} (the evaluator's scores of the checkpoint); run statuses v2
 * added {@code finalQuality} (the scores of a finished run's last weights); checkpoint events' {@code generatorPart}
 * came within v2 (absent = null = not announced). The spec's {@code classes},
 * {@code labelSmoothing} and {@code emaDecay} came within those versions (absent = 0 = off), and {@code loss} (absent =
 * the cross-entropy every spec before it used; {@code GanSpec} reads it so).
 */
public final class SchemaVersions {

    /** Checkpoint events: v2 carries {@code quality}; v1 (no scores) is still read. */
    public static final int CHECKPOINT_EVENT = 2;

    /** Run statuses: v2 carries {@code finalQuality}; v1 (no final score) is still read. */
    public static final int RUN_STATUS = 2;

    /**
     * {@code GanSpec} fields added without a version bump (an older reader ignores them; an older document means 0,
     * "off", by each field's definition): filled in as 0 so that a missing number is still an error everywhere
     * else.
     */
    private static final List<String> SPEC_FIELDS_ADDED_WITHIN_VERSION =
            List.of("classes", "labelSmoothing", "emaDecay");

    public static int current(Class<? extends Event> type) {
        if (type == CheckpointEvent.class) {
            return CHECKPOINT_EVENT;
        }
        return type == RunStatus.class ? RUN_STATUS : Event.SCHEMA_VERSION;
    }

    public static int oldest(Class<? extends Event> type) {
        return Event.SCHEMA_VERSION;
    }

    public static boolean readable(Class<? extends Event> type, int version) {
        return version >= oldest(type) && version <= current(type);
    }

    /** Fills in, as null, the fields a document of an older version cannot have. */
    static void upgrade(Class<? extends Event> type, ObjectNode document) {
        boolean v1 = document.path("schemaVersion").asInt() < 2;
        if (type == CheckpointEvent.class && v1 && !document.has("quality")) {
            document.putNull("quality");
        }
        if (type == CheckpointEvent.class && !document.has("generatorPart")) {
            document.putNull("generatorPart"); // added within v2 (an older reader ignores it): absent = not announced
        }
        if (type == RunStatus.class && v1 && !document.has("finalQuality")) {
            document.putNull("finalQuality");
        }
        if (document.get("spec") instanceof ObjectNode spec) {
            SPEC_FIELDS_ADDED_WITHIN_VERSION.forEach(field -> {
                if (!spec.has(field)) {
                    spec.put(field, 0);
                }
            });
            if (!spec.has("loss")) {
                spec.putNull("loss"); // GanSpec reads null as the cross-entropy of every spec before the field
            }

        }
    }

    static String describe(int oldest, int current) {
        return oldest == current ? "version " + current : "versions " + oldest + " to " + current;
    }

    private SchemaVersions() {
    }
}
