package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.events.EventCodec;
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
    void roundTripsThroughTheEventsJsonWithANullAccuracy() throws Exception {
        var mapper = new EventCodec().mapper();
        for (QualityScores s : new QualityScores[] {new QualityScores(12.5, 8.1, 3.3, null, 2_000, "mnist-cnn-x"),
                new QualityScores(0.25, 9.7, 3.32, 0.93, 10_000, "mnist-cnn-x")}) {
            String json = mapper.writeValueAsString(s);
            assertThat(mapper.readValue(json, QualityScores.class)).isEqualTo(s);
        }
        assertThat(mapper.writeValueAsString(new QualityScores(1, 2, 3, null, 2, "e")))
                .contains("\"labelAccuracy\":null");
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

    @Test
    void theSummaryNamesEveryFigureAndN() {
        assertThat(new QualityScores(12.345, 7.25, 3.2, 0.981, 2000, "e").summary())
                .isEqualTo("FD 12.35, IS 7.25, label entropy 3.20 bits, label accuracy 98.1 % (N = 2,000)");
        assertThat(new QualityScores(1.5, 9.0, 3.3, null, 10_000, "e").summary())
                .isEqualTo("FD 1.50, IS 9.00, label entropy 3.30 bits (N = 10,000)");
    }
}
