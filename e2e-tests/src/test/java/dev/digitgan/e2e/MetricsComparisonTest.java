package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricsComparisonTest {

    private static final RunWatch.RunRecord TOPICS = new RunWatch.RunRecord(
            new RunStatus(2, "r1", RunStatus.State.FINISHED, "mlp", 2, 2, 16, 16, 2, "t", null, Instant.EPOCH, null),
            CheckpointAudit.of(List.of(1L, 2L), List.of()), LossAudit.of(16, 16, List.of()));

    private static SortedMap<String, String> series(String steps, String checkpoints, String loss) {
        SortedMap<String, String> s = new TreeMap<>();
        s.put("gan_loss_events_total{run_id=\"r1\"}", steps);
        s.put("gan_checkpoints_published_total{run_id=\"r1\"}", checkpoints);
        s.put("gan_generator_loss{run_id=\"r1\"}", loss);
        return s;
    }

    @Test
    void theSameSeriesAndTheTopicsCountsAreIdentical() {
        RunWatch.RunRecord topics = new RunWatch.RunRecord(TOPICS.status(), TOPICS.checkpoints(),
                new LossAudit(16, 16, 16, List.of(), 0));
        MetricsComparison same = MetricsComparison.of(series("16.0", "0.0", "0.5"), series("16.0", "0.0", "0.5"),
                topics, "r1");
        assertThat(same.identical()).isTrue();
        assertThat(same.figures()).isEqualTo("metrics after SIGKILL + restart: 3/3 gan_* series equal to the "
                + "uninterrupted instance, steps and checkpoints counted as on the topics");
    }

    @Test
    void aValueThatDiffersOrASeriesOnOneSideOnlyIsNamed() {
        SortedMap<String, String> restarted = series("16.0", "0.0", "0.25");
        restarted.put("gan_step{run_id=\"r1\"}", "16.0");
        MetricsComparison comparison = MetricsComparison.of(restarted, series("16.0", "0.0", "0.5"),
                new RunWatch.RunRecord(TOPICS.status(), TOPICS.checkpoints(), new LossAudit(16, 16, 16, List.of(), 0)),
                "r1");
        assertThat(comparison.identical()).isFalse();
        assertThat(comparison.differing()).containsExactly("gan_generator_loss{run_id=\"r1\"}: 0.25 vs 0.5",
                "gan_step{run_id=\"r1\"}: 16.0 vs null");
    }

    @Test
    void countsUnlikeTheTopicsAreAGapEvenWhenBothInstancesAgree() {
        MetricsComparison comparison = MetricsComparison.of(series("15.0", "0.0", "0.5"),
                series("15.0", "0.0", "0.5"),
                new RunWatch.RunRecord(TOPICS.status(), TOPICS.checkpoints(), new LossAudit(16, 16, 16, List.of(), 0)),
                "r1");
        assertThat(comparison.identical()).isFalse();
        assertThat(comparison.countsGap()).containsExactly("gan_loss_events_total{run_id=\"r1\"} 15.0 but 16 on "
                + "the topics");
    }
}
