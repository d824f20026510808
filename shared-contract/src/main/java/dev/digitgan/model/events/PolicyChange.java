package dev.digitgan.model.events;

import java.time.Instant;

/**
 * The version policy every sampler replica serves by (topic {@code digitgan.sampler-policy}), set with
 * {@code PUT /models/policy} on any replica. Every change has the one key {@link #KEY}, so compaction keeps only the
 * newest: the policy in force (and a repair under {@link #REPAIR_KEY} when that newest one is unreadable). A
 * rollback travels resolved, as the version the replica that took the request rolled back to, so that every replica
 * goes to the same version.
 *
 * @param version the pinned or rolled-back-to model ({@code runId@version}); null for best and latest
 * @param user    who set it (the admin login), null when unknown
 */
public record PolicyChange(int schemaVersion, Mode mode, String version, String user, Instant changedAt)
        implements Event {

    /** The Kafka key of every policy record: there is no run, there is one fleet. */
    public static final String KEY = "fleet";
    /**
     * The key under which a replica re-sends the policy it serves after reading a {@link #KEY} record it cannot
     * use, so that compaction (which keeps the newest record of each key) cannot leave the bad record as the only
     * policy; the sampler's {@code PolicyRecords} says when such a repair counts.
     */
    public static final String REPAIR_KEY = "fleet-repair";
    /** Header of a repair record: the offset (decimal) of the {@link #KEY} record it stands in for. */
    public static final String REPAIRS_HEADER = "digitgan-repairs-offset";

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
