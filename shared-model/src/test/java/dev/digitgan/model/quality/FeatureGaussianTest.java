package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeatureGaussianTest {

    @Test
    void estimatesTheMeanAndTheUnbiasedCovariance() {
        // three 2-d vectors: (1, 2), (3, 6), (5, 4)
        FeatureGaussian g = FeatureGaussian.of(new float[] {1, 2, 3, 6, 5, 4}, 3, 2);
        assertThat(g.mean()).containsExactly(new double[] {3, 4}, within(1e-12));
        // var x = (4 + 0 + 4) / 2 = 4, var y = (4 + 4 + 0) / 2 = 4, cov = (-2*-2 + 0*2 + 2*0) / 2 = 2
        assertThat(g.covariance()).containsExactly(new double[] {4, 2, 2, 4}, within(1e-12));
        assertThat(g.count()).isEqualTo(3);
    }

    @Test
    void roundTripsThroughItsFileFormat() {
        FeatureGaussian g = FeatureGaussian.of(new float[] {1, 2, 3, 6, 5, 4, 0, 1}, 4, 2);
        FeatureGaussian back = FeatureGaussian.decode(g.encode(), 2);
        assertThat(back.count()).isEqualTo(4);
        assertThat(back.mean()).containsExactly(g.mean());
        assertThat(back.covariance()).containsExactly(g.covariance());
    }

    @Test
    void refusesAFileOfTheWrongSizeOrDimension() {
        byte[] encoded = FeatureGaussian.of(new float[] {1, 2, 3, 6, 5, 4}, 3, 2).encode();
        assertThatThrownBy(() -> FeatureGaussian.decode(Arrays.copyOf(encoded, encoded.length - 1), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> FeatureGaussian.decode(encoded, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 features");
    }

    @Test
    void needsTwoVectorsAndMatchingLengths() {
        assertThatThrownBy(() -> FeatureGaussian.of(new float[] {1, 2}, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> FeatureGaussian.of(new float[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4");
    }
}
