package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EvaluationProtocolTest {

    @Test
    void aSmallerNScoresThePrefixOfALargerOnesZ() {
        float[] small = EvaluationProtocol.latents(100, 20);
        float[] large = EvaluationProtocol.latents(100, 50);
        assertThat(Arrays.copyOf(large, small.length)).containsExactly(small);
        assertThat(EvaluationProtocol.latents(100, 20)).containsExactly(small);
    }

    @Test
    void requestedLabelsCoverEveryDigitEquallyOften() {
        int[] counts = new int[10];
        for (int label : EvaluationProtocol.requestedLabels(2_000)) {
            counts[label]++;
        }
        assertThat(counts).containsOnly(200);
    }
}
