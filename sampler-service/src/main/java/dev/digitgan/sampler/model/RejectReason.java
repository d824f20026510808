package dev.digitgan.sampler.model;

import java.util.Locale;

/** Why a candidate model was not swapped in; the lower-case name is the {@code result} label of the reload counter. */
public enum RejectReason {
    /**
     * The object could not be read from S3 (missing, unreachable). Not the candidate's fault: retried later with a
     * growing delay, never remembered as a rejection.
     */
    FETCH_FAILED,
    /** The object's size differs from the event's (truncated or replaced), or exceeds the configured limit. */
    SIZE_MISMATCH,
    /** The bytes' SHA-256 differs from the event's. */
    SHA_MISMATCH,
    /** The bytes are not a readable checkpoint. */
    CORRUPT,
    /**
     * The checkpoint holds what the format never reads (a serialised object, an unknown entry) or more than its
     * limits allow (a zip bomb, a spec for a huge network): refused before anything in it is used.
     */
    REFUSED,
    /** The generator's input or output does not have the expected shape. */
    WRONG_SHAPE,
    /** The warm-up forward pass produced NaN or infinity. */
    NON_FINITE,
    /** Loading these bytes died with the process ({@code max-killed-loads} times): not tried again on this replica. */
    KILLED_LOAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the same bytes would fail again: such versions are remembered as rejected (across restarts too, in the
     * replica's load journal) and not retried.
     */
    public boolean permanent() {
        return this != FETCH_FAILED;
    }
}
