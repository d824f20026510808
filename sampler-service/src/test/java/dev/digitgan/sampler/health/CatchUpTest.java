package dev.digitgan.sampler.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    @Test
    void readToTheEndOfEveryPartitionIsCaughtUp() {
        assertThat(CatchUp.caughtUp(Map.of(0, 5L, 1, 0L), Map.of(0, 5L, 1, 0L))).isTrue();
    }

    @Test
    void recordsLeftToReadAreLag() {
        assertThat(CatchUp.lag(Map.of(0, 5L, 1, 3L), Map.of(0, 2L, 1, 3L))).isEqualTo(3);
        assertThat(CatchUp.caughtUp(Map.of(0, 5L), Map.of(0, 4L))).isFalse();
    }

    @Test
    void anUnassignedPartitionIsNotCaughtUpEvenWhenEmpty() {
        assertThat(CatchUp.lag(Map.of(0, 4L), Map.of())).isEqualTo(4);
        assertThat(CatchUp.caughtUp(Map.of(0, 0L), Map.of())).isFalse();
    }

    @Test
    void aTopicThatDoesNotExistHasNothingToCatchUpWith() {
        assertThat(CatchUp.caughtUp(Map.of(), Map.of())).isTrue();
    }
}
