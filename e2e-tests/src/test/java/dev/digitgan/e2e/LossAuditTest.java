package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossAuditTest {

    @Test
    void stepsSentAgainAfterACrashAreResentNotLost() {
        LossAudit audit = LossAudit.of(4, 4, List.of(1L, 2L, 3L, 2L, 3L, 4L));
        assertThat(audit.intact()).isTrue();
        assertThat(audit.resent()).isEqualTo(2);
        assertThat(audit.figures()).isEqualTo("loss events 4/4, 0 lost");
    }

    @Test
    void aStepWithoutItsEventIsLost() {
        LossAudit audit = LossAudit.of(4, 4, List.of(1L, 2L, 4L));
        assertThat(audit.lost()).containsExactly(3L);
        assertThat(audit.intact()).isFalse();
        assertThat(audit.figures()).isEqualTo("loss events 3/4, 1 lost [3]");
    }

    @Test
    void aRunThatEndedEarlyIsJudgedOnTheStepsItTrained() {
        LossAudit audit = LossAudit.of(2, 8, List.of(1L, 2L));
        assertThat(audit.intact()).isTrue();
        assertThat(audit.figures()).isEqualTo("loss events 2/2 (of the steps trained; 8 planned), 0 lost");
    }

    @Test
    void aRunWithoutStepsIsNotIntact() {
        assertThat(LossAudit.of(0, 8, List.of()).intact()).isFalse();
    }
}
