package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.mnist.MnistDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EpochBatchesTest {

    private final MnistDataset data = SyntheticDigits.of(100, 5);

    @Test
    void orderIsASeededPermutationThatChangesPerEpoch() {
        EpochBatches batches = new EpochBatches(data, 10, 42);
        int[] first = batches.order(0);
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(new EpochBatches(data, 10, 42).order(0)).containsExactly(first);
        assertThat(batches.order(1)).isNotEqualTo(first);
        assertThat(new EpochBatches(data, 10, 7).order(0)).isNotEqualTo(first);
    }

    @Test
    void batchesHoldTheImagesInShuffledOrderAndDropTheRemainder() {
        EpochBatches batches = new EpochBatches(data, 30, 1);
        assertThat(batches.stepsPerEpoch()).isEqualTo(3);
        int[] order = batches.order(2);
        List<float[]> seen = new ArrayList<>();
        Iterator<INDArray> it = batches.epoch(2, 0);
        while (it.hasNext()) {
            INDArray batch = it.next();
            assertThat(batch.shape()).containsExactly(30, 784);
            for (int r = 0; r < 30; r++) {
                seen.add(batch.getRow(r).toFloatVector());
            }
        }
        assertThat(seen).hasSize(90);
        for (int i = 0; i < 90; i++) {
            assertThat(seen.get(i)).as("row " + i).containsExactly(data.image(order[i]));
        }
    }

    @Test
    void anEpochCanStartAtALaterBatch() {
        EpochBatches batches = new EpochBatches(data, 30, 1);
        Iterator<INDArray> it = batches.epoch(0, 2);
        float[] firstRow = it.next().getRow(0).toFloatVector();
        assertThat(firstRow).containsExactly(data.image(batches.order(0)[60]));
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(() -> batches.epoch(0, 4)).hasMessageContaining("outside 0..3");
    }

    @Test
    void aDatasetSmallerThanOneBatchIsRejected() {
        assertThatThrownBy(() -> new EpochBatches(data, 101, 1)).hasMessageContaining("fewer than one batch");
        assertThatThrownBy(() -> new EpochBatches(data, 0, 1)).hasMessageContaining("batchSize");
    }
}
