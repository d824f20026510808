package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.digitgan.model.spec.AdversarialLoss;
import org.junit.jupiter.api.Test;

class GanLossesTest {

    @Test
    void discriminatorLossIsMeanNegLogOfRightAnswers() {
        float[] real = {0.9f, 0.5f};
        float[] fake = {0.2f};
        double expected = -(Math.log(0.9 + GanLosses.EPSILON) + Math.log(0.5 + GanLosses.EPSILON)) / 2
                - Math.log(1 - 0.2 + GanLosses.EPSILON);
        assertThat(GanLosses.discriminator(real, fake)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void generatorLossIsNonSaturating() {
        assertThat(GanLosses.generator(new float[] {0.25f})).isCloseTo(-Math.log(0.25), within(1e-6));
        // a confident D gives a large but finite G loss thanks to epsilon
        assertThat(GanLosses.generator(new float[] {0f})).isCloseTo(-Math.log(GanLosses.EPSILON), within(1e-6));
    }

    @Test
    void chanceLevelGivesLogFourAndLogTwo() {
        float[] half = {0.5f, 0.5f};
        assertThat(GanLosses.discriminator(half, half)).isCloseTo(Math.log(4), within(1e-6));
        assertThat(GanLosses.generator(half)).isCloseTo(Math.log(2), within(1e-6));
    }

    @Test
    void leastSquaresReadingsAreTheSquaredDistancesToTheTargets() {
        float[] real = {0.9f, 1.3f};
        float[] fake = {-0.2f};
        assertThat(GanLosses.discriminator(AdversarialLoss.LEAST_SQUARES, real, fake))
                .isCloseTo((0.01 + 0.09) / 2 + 0.04, within(1e-6));
        assertThat(GanLosses.generator(AdversarialLoss.LEAST_SQUARES, fake)).isCloseTo(1.44, within(1e-6));
        assertThat(GanLosses.discriminator(AdversarialLoss.CROSS_ENTROPY, new float[] {0.5f}, new float[] {0.5f}))
                .isCloseTo(Math.log(4), within(1e-6));
    }
}
