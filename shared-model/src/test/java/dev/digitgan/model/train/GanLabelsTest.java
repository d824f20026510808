package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Pins the label convention; the first public DL4J GAN example had real and fake swapped. */
class GanLabelsTest {

    @Test
    void realIsOneFakeIsZeroAndGeneratorAimsForReal() {
        assertThat(GanLabels.REAL).isEqualTo(1f);
        assertThat(GanLabels.FAKE).isEqualTo(0f);
        assertThat(GanLabels.GENERATOR_TARGET).isEqualTo(GanLabels.REAL);
    }

    @Test
    void discriminatorTargetsAreRealRowsThenFakeRows() {
        INDArray targets = GanLabels.discriminatorTargets(3, 2);
        assertThat(targets.shape()).containsExactly(5, 1);
        assertThat(targets.toFloatVector()).containsExactly(1f, 1f, 1f, 0f, 0f);
    }

    @Test
    void generatorTargetsAreAllReal() {
        assertThat(GanLabels.generatorTargets(4).toFloatVector()).containsExactly(1f, 1f, 1f, 1f);
    }

    @Test
    void emptyOrNegativeCountsAreRejected() {
        assertThatThrownBy(() -> GanLabels.discriminatorTargets(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GanLabels.discriminatorTargets(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GanLabels.generatorTargets(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
