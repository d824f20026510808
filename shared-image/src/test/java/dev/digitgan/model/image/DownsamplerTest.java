package dev.digitgan.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    @Test
    void shortSeriesIsKeptWhole() {
        Downsampler.Points points = Downsampler.minMax(new long[] {1, 2, 5},
                new double[] {0.5, Double.POSITIVE_INFINITY, 0.7}, 10);

        assertThat(points.x()).containsExactly(1, 2, 5);
        assertThat(points.y()).containsExactly(0.5, Double.NaN, 0.7);
    }

    @Test
    void longSeriesKeepsEndsAndExtremesInOrder() {
        int n = 100_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            steps[i] = 10L * i;
            values[i] = 0.7 + 0.1 * random.nextGaussian();
        }
        values[54_321] = 50.0; // a spike
        values[77_777] = -3.0; // a collapse

        Downsampler.Points points = Downsampler.minMax(steps, values, 2_000);

        assertThat(points.x().length).isLessThanOrEqualTo(2_000).isGreaterThan(1_000);
        assertThat(points.x()).startsWith(0.0).endsWith(10.0 * (n - 1)).isSorted();
        assertThat(points.y()).contains(50.0, -3.0);
        assertThat(points.y()[0]).isEqualTo(values[0]);
        assertThat(points.y()[points.y().length - 1]).isEqualTo(values[n - 1]);
        // Each kept point is a real (step, value) pair of the input.
        for (int j = 0; j < points.x().length; j++) {
            int i = (int) (points.x()[j] / 10);
            assertThat(points.y()[j]).isEqualTo(values[i]);
        }
    }

    @Test
    void bucketWithoutFiniteValuesLeavesAGap() {
        int n = 1_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = i >= 400 && i < 600 ? Double.NaN : 1.0;
        }

        Downsampler.Points points = Downsampler.minMax(steps, values, 20);

        assertThat(points.y()).contains(Double.NaN);
        assertThat(points.x().length).isLessThanOrEqualTo(20);
    }
}
