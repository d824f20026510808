package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatentsTest {

    @Test
    void sameSeedAndIndexGiveTheSameVector() {
        assertThat(Latents.digit(42, 3, 100)).containsExactly(Latents.digit(42, 3, 100));
    }

    @Test
    void neighbouringSeedsAndIndicesGiveDifferentVectors() {
        float[] base = Latents.digit(42, 0, 100);
        assertThat(Latents.digit(43, 0, 100)).isNotEqualTo(base);
        assertThat(Latents.digit(42, 1, 100)).isNotEqualTo(base);
    }

    @Test
    void batchRowsAreTheSingleDigitVectors() {
        float[] batch = Latents.batch(7, 0, 5, 10);
        for (int i = 0; i < 5; i++) {
            assertThat(Arrays.copyOfRange(batch, i * 10, i * 10 + 10)).containsExactly(Latents.digit(7, i, 10));
        }
    }

    @Test
    void valuesAreStandardNormal() {
        float[] z = Latents.batch(1, 0, 200, 100); // 20,000 values
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= z.length;
        double var = 0;
        for (float v : z) {
            var += (v - mean) * (v - mean);
        }
        var /= z.length;
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(var).isCloseTo(1, within(0.05));
    }

    @Test
    void walkStartsAndEndsAtTheTwoSeedsDigitZero() {
        float[] walk = Latents.walk(5, 9, 4, 16);
        assertThat(walk).hasSize(4 * 16);
        float[] first = Arrays.copyOfRange(walk, 0, 16);
        float[] last = Arrays.copyOfRange(walk, 48, 64);
        float[] a = Latents.digit(5, 0, 16);
        float[] b = Latents.digit(9, 0, 16);
        for (int k = 0; k < 16; k++) {
            assertThat(first[k]).isCloseTo(a[k], within(1e-5f));
            assertThat(last[k]).isCloseTo(b[k], within(1e-5f));
        }
        assertThat(Arrays.copyOfRange(walk, 16, 32)).isNotEqualTo(first).isNotEqualTo(last);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Latents.digit(1, -1, 10)).hasMessageContaining("index");
        assertThatThrownBy(() -> Latents.walk(1, 2, 1, 10)).hasMessageContaining("steps");
    }

    @Test
    void labelsAreAFunctionOfSeedAndIndexAndCoverEveryDigit() {
        assertThat(Latents.label(42, 3, 10)).isEqualTo(Latents.label(42, 3, 10));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            int label = Latents.label(42, i, 10);
            assertThat(label).isBetween(0, 9);
            seen.add(label);
        }
        assertThat(seen).hasSize(10);
        assertThatThrownBy(() -> Latents.label(1, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumbersCharactersShareHalfTheirZAndAreStillStandardGaussians() {
        float[] z = Latents.number(5, 2, 1000);
        assertThat(Latents.number(5, 2, 1000)).containsExactly(z);
        float[] first = Arrays.copyOfRange(z, 0, 1000);
        float[] second = Arrays.copyOfRange(z, 1000, 2000);
        assertThat(first).isNotEqualTo(second).isNotEqualTo(Latents.digit(5, 0, 1000));
        double sum = 0;
        double squares = 0;
        double product = 0;
        for (int k = 0; k < 1000; k++) {
            sum += first[k];
            squares += first[k] * first[k];
            product += first[k] * second[k];
        }
        assertThat(sum / 1000).isCloseTo(0, within(0.1));
        assertThat(squares / 1000).isCloseTo(1, within(0.15));
        assertThat(product / 1000).as("correlation of two characters").isCloseTo(0.5, within(0.15));
    }
}
