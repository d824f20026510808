package dev.digitgan.model.events;

import java.time.Duration;
import java.util.Map;

/**
 * How a topic keeps its records: the two topic configs the system sets ({@code cleanup.policy} and
 * {@code retention.ms}), and the partition count where correctness depends on it; otherwise partitions and
 * replication are the deployment's. {@link Topics#policies} holds the choice for every topic.
 *
 * @param retention  how long a record is kept; null = for ever ({@code retention.ms=-1})
 * @param partitions the partition count the topic must have and keep; null = the deployment's (broker default)
 * @param why        the reason, for the docs and the logs
 */
public record TopicPolicy(String topic, Cleanup cleanup, Duration retention, Integer partitions, String why) {

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
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException(topic + ": partitions must be at least 1, got " + partitions);
        }
    }

    /** A topic whose partition count is the deployment's. */
    public TopicPolicy(String topic, Cleanup cleanup, Duration retention, String why) {
        this(topic, cleanup, retention, null, why);
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
