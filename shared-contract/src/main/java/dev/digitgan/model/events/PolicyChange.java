package dev.digitgan.model.events;

import java.time.Instant;

/**
 * The version policy every sampler replica serves by (topic {@code digitgan.sampler-policy}), set with
 * {@code PUT /models/policy} on any replica. Every record has the one key {@link #KEY}, so compaction keeps only the
 * newest: the policy in force. A rollback travels resolved, as the version the replica that took the request rolled
 * back to, so that every replica goes to the same version.
 *
 * @param version the pinned or rolled-back-to model ({@code runId@version}); null for best and latest
 * @param user    who set it (the admin login), null when unknown
 */
public record PolicyChange(int schemaVersion, Mode mode, String version, String user, Instant changedAt)
        implements Event {

    /** The Kafka key of every policy record: there is no run, there is one fleet. */
    public static final String KEY = "fleet";

    public enum Mode {
        BEST, LATEST, PINNED, ROLLBACK;

        /** Whether the mode follows new checkpoints by itself (and so takes no version). */
        public boolean follows() {
            return this == BEST || this == LATEST;
        }
    }

    public PolicyChange {
        Checks.schema(schemaVersion);
        Checks.present(mode, "mode");
        Checks.present(changedAt, "changedAt");
        if (mode.follows() && version != null) {
            throw new IllegalArgumentException("mode " + mode + " takes no version");
        }
        if (!mode.follows() && (version == null || version.isBlank())) {
            throw new IllegalArgumentException("mode " + mode + " needs a version (runId@version)");
        }
    }

    /** {@link #KEY}: the record's key, as {@link Event#runId()} is every other event's. */
    @Override
    public String runId() {
        return KEY;
    }
}
