package dev.digitgan.metrics.aggregate;

import static dev.digitgan.metrics.aggregate.Events.loss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossHistoryTest {

    @Test
    void keepsEveryStepWhileUnderCapacity() {
        LossHistory history = new LossHistory(8);
        for (long step = 1; step <= 8; step++) {
            history.add(loss("r", step, 1, step, -step));
        }
        List<LossPoint> points = history.points(100);
        assertThat(points).extracting(LossPoint::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(points).allSatisfy(p -> assertThat(p.count()).isEqualTo(1));
        assertThat(points.get(2).discriminatorLoss()).isEqualTo(3.0);
        assertThat(points.get(2).generatorLoss()).isEqualTo(-3.0);
    }

    @Test
    void staysBoundedAndEvenlySpacedForALongRun() {
        int capacity = 64;
        LossHistory history = new LossHistory(capacity);
        long steps = 100_000;
        for (long step = 1; step <= steps; step++) {
            history.add(loss("r", step, 1, step % 10, 0));
            assertThat(history.bucketCount()).isLessThanOrEqualTo(capacity);
        }
        assertThat(history.bucketCount()).isGreaterThan(capacity / 2);
        List<LossPoint> points = history.points(capacity);
        assertThat(points.stream().mapToLong(LossPoint::count).sum()).as("no step lost or doubled").isEqualTo(steps);
        assertThat(points.get(0).firstStep()).isEqualTo(1);
        assertThat(points.get(points.size() - 1).step()).isEqualTo(steps);
        // Every full bucket has the same width (the last one may still be filling).
        long width = history.width();
        for (LossPoint p : points.subList(0, points.size() - 1)) {
            assertThat(p.count()).isEqualTo(width);
            assertThat(p.step() - p.firstStep() + 1).isEqualTo(width);
        }
    }

    @Test
    void downsampledPointsKeepSpikesInTheirMinAndMax() {
        LossHistory history = new LossHistory(1024);
        for (long step = 1; step <= 1000; step++) {
            double d = step == 501 ? 42.0 : 1.0;
            double g = step == 777 ? -5.0 : 2.0;
            history.add(loss("r", step, 1, d, g));
        }
        List<LossPoint> points = history.points(10);
        assertThat(points).hasSize(10);
        assertThat(points.stream().mapToDouble(LossPoint::discriminatorLossMax).max().orElseThrow()).isEqualTo(42.0);
        assertThat(points.stream().mapToDouble(LossPoint::generatorLossMin).min().orElseThrow()).isEqualTo(-5.0);
        LossPoint spike = points.stream()
                .filter(p -> p.firstStep() <= 501 && 501 <= p.step())
                .findFirst()
                .orElseThrow();
        assertThat(spike.count()).isEqualTo(100);
        assertThat(spike.discriminatorLoss()).isCloseTo((99 * 1.0 + 42.0) / 100, within(1e-12));
    }

    @Test
    void aLateStepFoldsIntoTheBucketThatCoversIt() {
        LossHistory history = new LossHistory(8);
        for (long step = 1; step <= 20; step++) {
            if (step != 3) {
                history.add(loss("r", step, 1, 1, 1));
            }
        }
        history.add(loss("r", 3, 1, 9, 1));
        List<LossPoint> points = history.points(100);
        assertThat(points).extracting(LossPoint::firstStep).isSorted();
        assertThat(points.stream().mapToLong(LossPoint::count).sum()).isEqualTo(20);
        LossPoint covering = points.stream().filter(p -> p.firstStep() <= 3 && 3 <= p.step()).findFirst().orElseThrow();
        assertThat(covering.discriminatorLossMax()).isEqualTo(9.0);
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> new LossHistory(5)).hasMessageContaining("even number >= 4");
        assertThatThrownBy(() -> new LossHistory(8).points(0)).hasMessageContaining("maxPoints must be >= 1");
    }

    @Test
    void emptyHistoryHasNoPoints() {
        assertThat(new LossHistory(8).points(10)).isEmpty();
    }
}
