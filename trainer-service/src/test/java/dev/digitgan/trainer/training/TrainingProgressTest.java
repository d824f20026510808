package dev.digitgan.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void epochBoundariesAndCounts() {
        TrainingProgress endOfFirst = new TrainingProgress(10, 1, 3, 10);
        assertThat(endOfFirst.endOfEpoch()).isTrue();
        assertThat(endOfFirst.completedEpochs()).isEqualTo(1);
        assertThat(endOfFirst.stepInEpoch()).isEqualTo(10);
        TrainingProgress firstOfSecond = new TrainingProgress(11, 2, 3, 10);
        assertThat(firstOfSecond.endOfEpoch()).isFalse();
        assertThat(firstOfSecond.completedEpochs()).isEqualTo(1);
        assertThat(firstOfSecond.stepInEpoch()).isEqualTo(1);
        assertThat(firstOfSecond.totalSteps()).isEqualTo(30);
        assertThat(firstOfSecond.stepsLeft()).isEqualTo(19);
    }
}
