package dev.digitgan.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

    @Test
    void isNaNWhenEmptyAndMeanOfWhatIsThereBeforeTheWindowFills() {
        MovingAverage average = new MovingAverage(4);
        assertThat(average.value()).isNaN();
        average.add(2);
        average.add(4);
        assertThat(average.value()).isEqualTo(3.0);
    }

    @Test
    void averagesOnlyTheLastWindowValues() {
        MovingAverage average = new MovingAverage(3);
        for (double v : new double[] {100, 1, 2, 3}) {
            average.add(v);
        }
        assertThat(average.value()).isEqualTo(2.0);
        assertThat(average.size()).isEqualTo(3);
    }

    @Test
    void matchesABruteForceMeanOverALongNoisyRun() {
        int window = 50;
        MovingAverage average = new MovingAverage(window);
        Random random = new Random(7);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            // Large and small magnitudes mixed: the case where add/subtract drift would show.
            values[i] = (i % 1000 == 0 ? 1e9 : 0) + random.nextGaussian();
            average.add(values[i]);
            if (i % 9973 == 0 || i == values.length - 1) {
                double sum = 0;
                int from = Math.max(0, i - window + 1);
                for (int j = from; j <= i; j++) {
                    sum += values[j];
                }
                assertThat(average.value()).as("after %d values", i + 1).isCloseTo(sum / (i - from + 1), within(1e-3));
            }
        }
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new MovingAverage(0)).hasMessageContaining("window must be >= 1");
    }
}
