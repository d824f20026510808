package dev.digitgan.model.events;

import java.time.Duration;
import java.util.Map;

/**
 * How a topic keeps its records: the two topic configs the system sets ({@code cleanup.policy} and
 * {@code retention.ms}); partitions and replication are the deployment's. {@link Topics#policies} holds the
 * choice for every topic.
 *
 * @param retention how long a record is kept; null = for ever ({@code retention.ms=-1})
 * @param why       the reason, for the docs and the logs
 */
public record TopicPolicy(String topic, Cleanup cleanup, Duration retention, String why) {

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String RETENTION_MS = "retention.ms";

    public enum Cleanup {
        /** Records expire with the retention. */
        DELETE,
        /** Only the newest record per key is kept (and it is kept for ever). */
        COMPACT;

        public String config() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TopicPolicy {
        Checks.present(topic, "topic");
        Checks.present(cleanup, "cleanup");
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention of " + topic + " must be positive, got " + retention);
        }
        if (cleanup == Cleanup.COMPACT && retention != null) {
            throw new IllegalArgumentException(topic + ": a compacted topic keeps its newest records for ever");
        }
    }

    /** {@code retention.ms} as Kafka writes it: -1 for ever. */
    public long retentionMs() {
        return retention == null ? -1 : retention.toMillis();
    }

    /** The topic configs to set. */
    public Map<String, String> configs() {
        return Map.of(CLEANUP_POLICY, cleanup.config(), RETENTION_MS, Long.toString(retentionMs()));
    }
}
