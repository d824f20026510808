package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatentSourceTest {

    @Test
    void aDrawDependsOnlyOnSeedAndIndex() {
        LatentSource a = new LatentSource(10, 42);
        float[] third = a.sample(3, 4);
        a.sample(0, 100);
        assertThat(new LatentSource(10, 42).sample(3, 4)).containsExactly(third);
        assertThat(a.sample(4, 4)).isNotEqualTo(third);
        assertThat(new LatentSource(10, 43).sample(3, 4)).isNotEqualTo(third);
    }

    @Test
    void valuesAreStandardNormal() {
        float[] z = new LatentSource(100, 1).sample(0, 200);
        double sum = 0;
        double squares = 0;
        for (float v : z) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / z.length;
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(squares / z.length - mean * mean).isCloseTo(1, within(0.05));
    }

    @Test
    void arrayHasRowsOfLatentSize() {
        assertThat(new LatentSource(7, 1).sampleArray(0, 3).shape()).containsExactly(3, 7);
        assertThat(new LatentSource(7, 1).sampleArray(0, 3).getRow(2).toFloatVector())
                .containsExactly(java.util.Arrays.copyOfRange(new LatentSource(7, 1).sample(0, 3), 14, 21));
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> new LatentSource(0, 1)).hasMessageContaining("latentSize");
        assertThatThrownBy(() -> new LatentSource(3, 1).sample(0, 0)).hasMessageContaining("count");
    }
}
