package dev.digitgan.model.mnist;

import static dev.digitgan.model.mnist.IdxFiles.imagesBytes;
import static dev.digitgan.model.mnist.IdxFiles.labelsBytes;
import static dev.digitgan.model.mnist.IdxFiles.write;
import static dev.digitgan.model.mnist.IdxReader.IMAGES_MAGIC;
import static dev.digitgan.model.mnist.IdxReader.LABELS_MAGIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {

    @TempDir
    Path dir;

    /** Two 2x2 images: {0, 255, 51, 204} and {255, 255, 0, 0}; labels 7 and 3. */
    private void writeTinySplit(MnistSplit split, int labelCount) throws IOException {
        byte[] pixels = {0, (byte) 255, 51, (byte) 204, (byte) 255, (byte) 255, 0, 0};
        write(MnistFiles.imagesFile(dir, split), imagesBytes(IMAGES_MAGIC, 2, 2, 2, pixels));
        byte[] labels = labelCount == 2 ? new byte[] {7, 3} : new byte[] {7, 3, 1};
        write(MnistFiles.labelsFile(dir, split), labelsBytes(LABELS_MAGIC, labelCount, labels));
    }

    @Test
    void loadsAndScalesToMinusOneOne() throws IOException {
        writeTinySplit(MnistSplit.TEST, 2);

        MnistDataset data = MnistDataset.load(dir, MnistSplit.TEST);

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.rows()).isEqualTo(2);
        assertThat(data.cols()).isEqualTo(2);
        assertThat(data.pixels()).isEqualTo(4);
        // pixel / 127.5 - 1: 0 -> -1, 255 -> 1, 51 -> -0.6, 204 -> 0.6
        assertThat(data.images()).containsExactly(new float[] {-1f, 1f, -0.6f, 0.6f, 1f, 1f, -1f, -1f}, within(1e-6f));
        assertThat(data.labels()).containsExactly(7, 3);
        assertThat(data.label(1)).isEqualTo(3);
        assertThat(data.image(1)).containsExactly(1f, 1f, -1f, -1f);
    }

    @Test
    void extremesMapExactlyToTheEnds() {
        float[] scaled = MnistDataset.scale(new byte[] {0, (byte) 255});

        assertThat(scaled).containsExactly(-1f, 1f);
    }

    @Test
    void meanImageAveragesPerPixel() throws IOException {
        writeTinySplit(MnistSplit.TRAIN, 2);

        float[] mean = MnistDataset.load(dir, MnistSplit.TRAIN).meanImage();

        assertThat(mean).containsExactly(new float[] {0f, 1f, -0.8f, -0.2f}, within(1e-6f));
    }

    @Test
    void labelCountsAndFirst() throws IOException {
        writeTinySplit(MnistSplit.TRAIN, 2);
        MnistDataset data = MnistDataset.load(dir, MnistSplit.TRAIN);

        assertThat(data.labelCounts()).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0, 0);
        MnistDataset first = data.first(1);
        assertThat(first.size()).isEqualTo(1);
        assertThat(first.images()).containsExactly(data.image(0));
        assertThat(first.labels()).containsExactly(7);
        assertThatThrownBy(() -> data.first(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        writeTinySplit(MnistSplit.TRAIN, 3);

        assertThatThrownBy(() -> MnistDataset.load(dir, MnistSplit.TRAIN))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(MnistFiles.imagesFile(dir, MnistSplit.TRAIN) + " has 2 images")
                .hasMessageContaining(MnistFiles.labelsFile(dir, MnistSplit.TRAIN) + " has 3 labels");
    }

    @Test
    void missingFilePointsToTheFetchScript() {
        assertThatThrownBy(() -> MnistDataset.load(dir, MnistSplit.TEST))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(MnistFiles.imagesFile(dir, MnistSplit.TEST).toString())
                .hasMessageContaining("scripts/fetch-mnist.sh");
    }

    @Test
    void constructorRejectsInconsistentData() {
        assertThatThrownBy(() -> new MnistDataset(2, 2, 2, new float[7], new byte[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 8 image values, got 7");
        assertThatThrownBy(() -> new MnistDataset(2, 2, 2, new float[8], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 labels, got 1");
        assertThatThrownBy(() -> new MnistDataset(1, 2, 2, new float[4], new byte[] {10}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 10 at index 0");
        assertThatThrownBy(() -> new MnistDataset(1, 0, 2, new float[0], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyDatasetHasNoMean() {
        MnistDataset empty = new MnistDataset(0, 28, 28, new float[0], new byte[0]);

        assertThatThrownBy(empty::meanImage).isInstanceOf(IllegalStateException.class);
    }
}
