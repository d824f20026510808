package dev.digitgan.model.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPolicyTest {

    @Test
    void everyTopicHasExactlyOnePolicyAndOnlyLossEventsTakeTheConfiguredRetention() {
        List<TopicPolicy> policies = Topics.policies(Duration.ofDays(2));
        assertThat(policies).extracting(TopicPolicy::topic).containsExactlyElementsOf(Topics.all());
        assertThat(policies).filteredOn(p -> p.retentionMs() == Duration.ofDays(2).toMillis())
                .extracting(TopicPolicy::topic).containsExactly(Topics.LOSS_EVENTS);
    }

    @Test
    void theRecordsOfTheSystemAreKeptForEver() {
        for (TopicPolicy policy : Topics.policies(Topics.DEFAULT_LOSS_RETENTION)) {
            if (List.of(Topics.CHECKPOINTS, Topics.RUN_STATUS, Topics.RUN_IDS, Topics.TRAINING_REQUESTS,
                    Topics.DEAD_LETTER, Topics.SAMPLER_POLICY)
                    .contains(policy.topic())) {
                assertThat(policy.retentionMs()).as(policy.topic()).isEqualTo(-1);
            }
        }
        assertThat(Topics.policies(Topics.DEFAULT_LOSS_RETENTION).get(2).configs())
                .containsEntry(TopicPolicy.CLEANUP_POLICY, "compact").containsEntry(TopicPolicy.RETENTION_MS, "-1");
        assertThat(Topics.policies(Topics.DEFAULT_LOSS_RETENTION))
                .filteredOn(p -> p.topic().equals(Topics.SAMPLER_POLICY))
                .singleElement().extracting(TopicPolicy::cleanup).isEqualTo(TopicPolicy.Cleanup.COMPACT);
    }

    @Test
    void runIdClaimsAreKeptUncompactedForEverInOnePartition() {
        TopicPolicy ids = Topics.policies(Topics.DEFAULT_LOSS_RETENTION).stream()
                .filter(p -> p.topic().equals(Topics.RUN_IDS)).findFirst().orElseThrow();
        // Compaction keeps the newest claim per id, which may be a loser's: the first claim must stay.
        assertThat(ids.cleanup()).isEqualTo(TopicPolicy.Cleanup.DELETE);
        assertThat(ids.retentionMs()).isEqualTo(-1);
        assertThat(ids.partitions()).isEqualTo(1);
        assertThat(Topics.policies(Topics.DEFAULT_LOSS_RETENTION)).filteredOn(p -> p.partitions() != null)
                .extracting(TopicPolicy::topic).containsExactly(Topics.RUN_IDS);
    }

    @Test
    void aCompactedTopicHasNoRetentionAndARetentionIsPositive() {
        assertThatThrownBy(() -> new TopicPolicy("t", TopicPolicy.Cleanup.COMPACT, Duration.ofDays(1), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicPolicy("t", TopicPolicy.Cleanup.DELETE, Duration.ZERO, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicPolicy("t", TopicPolicy.Cleanup.DELETE, null, 0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
