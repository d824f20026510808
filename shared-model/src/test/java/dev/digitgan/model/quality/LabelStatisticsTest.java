package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Inception Score, label entropy and label accuracy on hand-made class probabilities. */
class LabelStatisticsTest {

    private static final int C = ClassifierNetwork.CLASSES;

    @Test
    void confidentEvenlySpreadSamplesScoreTenAndMaximalEntropy() {
        LabelStatistics s = LabelStatistics.of(classified(100, i -> oneHot(i % C)), null);
        assertThat(s.inceptionScore()).isCloseTo(10, within(1e-6));
        assertThat(s.entropyBits()).isCloseTo(QualityScores.MAX_LABEL_ENTROPY_BITS, within(1e-9));
        assertThat(s.accuracy()).isNull();
    }

    @Test
    void oneClassScoresOneAndZeroEntropy() {
        LabelStatistics s = LabelStatistics.of(classified(50, i -> oneHot(3)), null);
        assertThat(s.inceptionScore()).isCloseTo(1, within(1e-9));
        assertThat(s.entropyBits()).isCloseTo(0, within(1e-12));
    }

    @Test
    void unsureSamplesScoreOneWhateverTheirArgmax() {
        float[] flat = new float[C];
        Arrays.fill(flat, 0.1f);
        LabelStatistics s = LabelStatistics.of(classified(40, i -> flat), null);
        assertThat(s.inceptionScore()).isCloseTo(1, within(1e-6));
    }

    @Test
    void twoClassesHalfAndHalfAreOneBitAndScoreTwo() {
        LabelStatistics s = LabelStatistics.of(classified(40, i -> oneHot(i % 2)), null);
        assertThat(s.entropyBits()).isCloseTo(1, within(1e-12));
        assertThat(s.inceptionScore()).isCloseTo(2, within(1e-6));
    }

    @Test
    void accuracyIsTheShareClassifiedAsAskedFor() {
        int[] asked = new int[10];
        for (int i = 0; i < 10; i++) {
            asked[i] = i < 7 ? i : 0; // samples 7, 8, 9 were asked for 0 but look like 7, 8, 9
        }
        LabelStatistics s = LabelStatistics.of(classified(10, i -> oneHot(i)), asked);
        assertThat(s.accuracy()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void refusesARequestedLabelOutsideTheDigits() {
        assertThatThrownBy(() -> LabelStatistics.of(classified(2, i -> oneHot(1)), new int[] {1, 10}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 10 of sample 1");
    }

    private static float[] oneHot(int c) {
        float[] p = new float[C];
        p[c] = 1;
        return p;
    }

    private static MnistClassifier.Classified classified(int n, IntFunction<float[]> probs) {
        float[] p = new float[n * C];
        for (int i = 0; i < n; i++) {
            System.arraycopy(probs.apply(i), 0, p, i * C, C);
        }
        return new MnistClassifier.Classified(n, new float[n * ClassifierNetwork.FEATURES], p);
    }
}
