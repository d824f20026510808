package dev.digitgan.model.events;

/** Field checks shared by the event records' compact constructors. */
final class Checks {

    static void schema(int schemaVersion) {
        schema(schemaVersion, Event.SCHEMA_VERSION, Event.SCHEMA_VERSION);
    }

    static void schema(int schemaVersion, int oldest, int current) {
        if (schemaVersion < oldest || schemaVersion > current) {
            throw new IllegalArgumentException("unsupported schemaVersion " + schemaVersion
                    + " (this build reads " + SchemaVersions.describe(oldest, current) + ")");
        }
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    static double finite(double value, String field) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("field '" + field + "' must be a finite number, was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("field '" + field + "' must be >= 0, was " + value);
        }
        return value;
    }

    private Checks() {
    }
}
