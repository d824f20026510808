package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.spec.Presets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointAuditTest {

    private static CheckpointEvent announced(long version, String sha) {
        return new CheckpointEvent(Event.SCHEMA_VERSION, "r1", version, ObjectLayout.DEFAULT_BUCKET,
                ObjectLayout.checkpointKey("r1", version), 1000, sha.repeat(64), Presets.mlp(), 1, 16 * version, 1.0,
                1.0, ObjectLayout.gridKey("r1", version), Instant.EPOCH);
    }

    @Test
    void everyStoredVersionAnnouncedOnceIsIntact() {
        CheckpointAudit audit = CheckpointAudit.of(List.of(1L, 2L, 3L),
                List.of(announced(1, "a"), announced(2, "b"), announced(3, "c")));
        assertThat(audit.intact()).isTrue();
        assertThat(audit.figures()).isEqualTo("checkpoints 3/3 announced, 0 lost, 0 duplicated");
    }

    @Test
    void aStoredVersionNoEventAnnouncesIsLostAndSoIsAHoleInTheNumbering() {
        CheckpointAudit stored = CheckpointAudit.of(List.of(1L, 2L, 3L), List.of(announced(1, "a"), announced(3, "c")));
        assertThat(stored.lost()).containsExactly(2L);
        assertThat(stored.intact()).isFalse();
        assertThat(stored.figures()).isEqualTo("checkpoints 2/3 announced, 1 lost [2], 0 duplicated");

        CheckpointAudit hole = CheckpointAudit.of(List.of(1L, 3L), List.of(announced(1, "a"), announced(3, "c")));
        assertThat(hole.lost()).containsExactly(2L);
    }

    @Test
    void anAnnouncementBeyondTheFirstIsADuplicateAndOtherContentsAConflict() {
        CheckpointAudit same = CheckpointAudit.of(List.of(1L), List.of(announced(1, "a"), announced(1, "a")));
        assertThat(same.duplicated()).isEqualTo(1);
        assertThat(same.conflicting()).isEmpty();
        assertThat(same.intact()).isFalse();

        CheckpointAudit other = CheckpointAudit.of(List.of(1L), List.of(announced(1, "a"), announced(1, "b")));
        assertThat(other.conflicting()).containsExactly(1L);
        assertThat(other.figures()).contains("1 announced with different contents [1]");
    }

    @Test
    void anAnnouncedVersionWithoutItsObjectIsDangling() {
        CheckpointAudit audit = CheckpointAudit.of(List.of(1L), List.of(announced(1, "a"), announced(2, "b")));
        assertThat(audit.dangling()).containsExactly(2L);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.intact()).isFalse();
        assertThat(audit.figures()).contains("1 announced but not stored [2]");
    }
}
