package dev.digitgan.model.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loads the real MNIST files from data/mnist; fails naming scripts/fetch-mnist.sh when they are absent. */
class MnistRealDataTest {

    // Per test, not @BeforeAll: surefire reports a class-level abort as "0 tests run", hiding the reason.
    @BeforeEach
    void requireData() {
        RepoRoot.requireMnist();
    }

    @Test
    void trainSplit() throws IOException {
        checkSplit(MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TRAIN), 60_000);
    }

    @Test
    void testSplit() throws IOException {
        checkSplit(MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TEST), 10_000);
    }

    private static void checkSplit(MnistDataset data, int expectedSize) {
        assertThat(data.size()).isEqualTo(expectedSize);
        assertThat(data.rows()).isEqualTo(28);
        assertThat(data.cols()).isEqualTo(28);
        assertThat(data.images()).hasSize(expectedSize * 28 * 28);

        // Every digit occurs about a tenth of the time (MNIST ranges from ~9% to ~11.3%).
        int[] counts = data.labelCounts();
        for (int digit = 0; digit < 10; digit++) {
            assertThat(counts[digit] / (double) expectedSize)
                    .as("share of digit %d", digit).isBetween(0.08, 0.125);
        }

        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : data.images()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(-1f);
        assertThat(max).isEqualTo(1f);

        // White digits centred on black: the corners are always background, the centre is often ink.
        float[] mean = data.meanImage();
        assertThat(mean[0]).isEqualTo(-1f);
        assertThat(mean[28 * 28 - 1]).isEqualTo(-1f);
        assertThat(mean[14 * 28 + 14]).isGreaterThan(-0.3f);
    }
}
