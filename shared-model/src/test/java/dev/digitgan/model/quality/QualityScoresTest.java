package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QualityScoresTest {

    @Test
    void unconditionalScoresHaveNoLabelAccuracy() {
        QualityScores s = new QualityScores(12.5, 8.1, 3.3, null, 2_000, "mnist-cnn-x");
        assertThat(s.conditional()).isFalse();
        assertThat(new QualityScores(1, 9, 3.3, 0.9, 2_000, "mnist-cnn-x").conditional()).isTrue();
    }

    @Test
    void onlyScoresOfTheSameEvaluatorAndNAreComparable() {
        QualityScores s = new QualityScores(12.5, 8.1, 3.3, null, 2_000, "mnist-cnn-x");
        assertThat(s.comparableWith(new QualityScores(1, 9, 3.3, null, 2_000, "mnist-cnn-x"))).isTrue();
        assertThat(s.comparableWith(new QualityScores(1, 9, 3.3, null, 10_000, "mnist-cnn-x"))).isFalse();
        assertThat(s.comparableWith(new QualityScores(1, 9, 3.3, null, 2_000, "mnist-cnn-y"))).isFalse();
    }

    @Test
    void refusesFiguresOutsideTheirRanges() {
        assertThatThrownBy(() -> new QualityScores(Double.NaN, 8, 3, null, 10, "e"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frechetDistance");
        assertThatThrownBy(() -> new QualityScores(-1, 8, 3, null, 10, "e"))
                .hasMessageContaining("frechetDistance");
        assertThatThrownBy(() -> new QualityScores(1, 0.5, 3, null, 10, "e")).hasMessageContaining("inceptionScore");
        assertThatThrownBy(() -> new QualityScores(1, 8, 3.5, null, 10, "e")).hasMessageContaining("labelEntropyBits");
        assertThatThrownBy(() -> new QualityScores(1, 8, 3, 1.5, 10, "e")).hasMessageContaining("labelAccuracy");
        assertThatThrownBy(() -> new QualityScores(1, 8, 3, null, 1, "e")).hasMessageContaining("samples");
        assertThatThrownBy(() -> new QualityScores(1, 8, 3, null, 10, " ")).hasMessageContaining("evaluator");
    }
}
