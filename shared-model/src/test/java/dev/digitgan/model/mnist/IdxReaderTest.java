package dev.digitgan.model.mnist;

import static dev.digitgan.model.mnist.IdxFiles.imagesBytes;
import static dev.digitgan.model.mnist.IdxFiles.labelsBytes;
import static dev.digitgan.model.mnist.IdxFiles.ramp;
import static dev.digitgan.model.mnist.IdxFiles.write;
import static dev.digitgan.model.mnist.IdxReader.IMAGES_MAGIC;
import static dev.digitgan.model.mnist.IdxReader.LABELS_MAGIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsImagesAsUnsignedRowMajorBytes() throws IOException {
        byte[] pixels = ramp(3 * 4 * 5);
        Path file = write(dir.resolve("images"), imagesBytes(IMAGES_MAGIC, 3, 4, 5, pixels));

        IdxImages images = IdxReader.readImages(file);

        assertThat(images.count()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(4);
        assertThat(images.cols()).isEqualTo(5);
        assertThat(images.pixels()).containsExactly(pixels);
        // image 2, row 3, col 1 is byte (2*4 + 3)*5 + 1 = 56
        assertThat(images.pixel(2, 3, 1)).isEqualTo(pixels[56] & 0xFF);
        assertThat(images.pixel(0, 0, 5 - 1)).isEqualTo(pixels[4] & 0xFF);
    }

    @Test
    void pixelsAbove127AreReadUnsigned() throws IOException {
        Path file = write(dir.resolve("images"),
                imagesBytes(IMAGES_MAGIC, 1, 1, 2, new byte[] {(byte) 255, (byte) 128}));

        IdxImages images = IdxReader.readImages(file);

        assertThat(images.pixel(0, 0, 0)).isEqualTo(255);
        assertThat(images.pixel(0, 0, 1)).isEqualTo(128);
    }

    @Test
    void readsLargerThanOneChunk() throws IOException {
        // 2.5 MiB of pixels crosses the reader's 1 MiB chunk boundaries.
        int count = 3_400;
        byte[] pixels = ramp(count * 28 * 28);
        Path file = write(dir.resolve("images"), imagesBytes(IMAGES_MAGIC, count, 28, 28, pixels));

        assertThat(IdxReader.readImages(file).pixels()).isEqualTo(pixels);
    }

    @Test
    void readsZeroImages() throws IOException {
        Path file = write(dir.resolve("images"), imagesBytes(IMAGES_MAGIC, 0, 28, 28, new byte[0]));

        assertThat(IdxReader.readImages(file).count()).isZero();
    }

    @Test
    void readsLabels() throws IOException {
        byte[] labels = {0, 9, 3, 3, 7};
        Path file = write(dir.resolve("labels"), labelsBytes(LABELS_MAGIC, 5, labels));

        assertThat(IdxReader.readLabels(file)).containsExactly(labels);
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write(dir.resolve("empty"), new byte[0]);

        assertFormatError(() -> IdxReader.readImages(file), file, "empty file");
        assertFormatError(() -> IdxReader.readLabels(file), file, "empty file");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path threeBytes = write(dir.resolve("three"), new byte[] {0, 0, 8});
        byte[] full = imagesBytes(IMAGES_MAGIC, 1, 28, 28, new byte[0]);
        Path tenBytes = write(dir.resolve("ten"), Arrays.copyOf(full, 10));
        Path sixBytes = write(dir.resolve("six"), Arrays.copyOf(labelsBytes(LABELS_MAGIC, 1, new byte[0]), 6));

        assertFormatError(() -> IdxReader.readImages(threeBytes), threeBytes, "truncated header: 3 bytes, need 16");
        assertFormatError(() -> IdxReader.readImages(tenBytes), tenBytes, "truncated header: 10 bytes, need 16");
        assertFormatError(() -> IdxReader.readLabels(sixBytes), sixBytes, "truncated header: 6 bytes, need 8");
    }

    @Test
    void wrongMagic() throws IOException {
        Path labelsFile = write(dir.resolve("labels"), labelsBytes(LABELS_MAGIC, 1, new byte[] {1}));
        Path imagesFile = write(dir.resolve("images"), imagesBytes(IMAGES_MAGIC, 1, 1, 1, new byte[] {1}));
        Path gzip = write(dir.resolve("gz"), imagesBytes(0x1F8B0800, 1, 1, 1, new byte[] {1}));
        Path other = write(dir.resolve("other"), imagesBytes(0x12345678, 1, 1, 1, new byte[] {1}));

        assertFormatError(() -> IdxReader.readImages(labelsFile), labelsFile,
                "wrong magic number 0x00000801, expected 0x00000803");
        assertFormatError(() -> IdxReader.readImages(labelsFile), labelsFile, "this is a label file");
        assertFormatError(() -> IdxReader.readLabels(imagesFile), imagesFile,
                "wrong magic number 0x00000803, expected 0x00000801");
        assertFormatError(() -> IdxReader.readImages(gzip), gzip, "gzip-compressed");
        assertFormatError(() -> IdxReader.readImages(other), other, "wrong magic number 0x12345678");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] whole = imagesBytes(IMAGES_MAGIC, 2, 3, 3, ramp(18));
        Path images = write(dir.resolve("images"), Arrays.copyOf(whole, whole.length - 1));
        Path labels = write(dir.resolve("labels"), labelsBytes(LABELS_MAGIC, 4, new byte[] {1, 2, 3}));

        assertFormatError(() -> IdxReader.readImages(images), images, "truncated data");
        assertFormatError(() -> IdxReader.readImages(images), images,
                "2 images of 3x3 (34 bytes in all), file has 33 bytes");
        assertFormatError(() -> IdxReader.readLabels(labels), labels, "truncated data");
    }

    @Test
    void trailingGarbage() throws IOException {
        byte[] whole = imagesBytes(IMAGES_MAGIC, 2, 3, 3, ramp(18));
        Path images = write(dir.resolve("images"), Arrays.copyOf(whole, whole.length + 5));
        Path labels = write(dir.resolve("labels"), labelsBytes(LABELS_MAGIC, 2, new byte[] {1, 2, 3}));

        assertFormatError(() -> IdxReader.readImages(images), images, "5 bytes of trailing garbage");
        assertFormatError(() -> IdxReader.readLabels(labels), labels, "1 bytes of trailing garbage");
    }

    @Test
    void negativeOrZeroDimensions() throws IOException {
        Path negativeCount = write(dir.resolve("negcount"), imagesBytes(IMAGES_MAGIC, -1, 28, 28, new byte[0]));
        Path zeroRows = write(dir.resolve("zerorows"), imagesBytes(IMAGES_MAGIC, 1, 0, 28, new byte[0]));
        Path negativeCols = write(dir.resolve("negcols"), imagesBytes(IMAGES_MAGIC, 1, 28, -28, new byte[0]));
        Path negativeLabels = write(dir.resolve("neglabels"), labelsBytes(LABELS_MAGIC, -5, new byte[0]));

        assertFormatError(() -> IdxReader.readImages(negativeCount), negativeCount, "invalid dimensions -1x28x28");
        assertFormatError(() -> IdxReader.readImages(zeroRows), zeroRows, "invalid dimensions 1x0x28");
        assertFormatError(() -> IdxReader.readImages(negativeCols), negativeCols, "invalid dimensions 1x28x-28");
        assertFormatError(() -> IdxReader.readLabels(negativeLabels), negativeLabels, "negative label count -5");
    }

    @Test
    void absurdDimensions() throws IOException {
        Path hugeSide = write(dir.resolve("side"),
                imagesBytes(IMAGES_MAGIC, 1, IdxReader.MAX_SIDE + 1, 28, new byte[0]));
        Path hugeTotal = write(dir.resolve("total"),
                imagesBytes(IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28, new byte[0]));

        assertFormatError(() -> IdxReader.readImages(hugeSide), hugeSide, "absurd image size 4097x28");
        assertFormatError(() -> IdxReader.readImages(hugeTotal), hugeTotal, "do not fit in one array");
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path ten = write(dir.resolve("ten"), labelsBytes(LABELS_MAGIC, 4, new byte[] {0, 9, 10, 1}));
        // 200 is a negative Java byte: must still be reported as the unsigned value.
        Path highBit = write(dir.resolve("high"), labelsBytes(LABELS_MAGIC, 2, new byte[] {5, (byte) 200}));

        assertFormatError(() -> IdxReader.readLabels(ten), ten, "label 10 at index 2 is outside 0..9");
        assertFormatError(() -> IdxReader.readLabels(highBit), highBit, "label 200 at index 1 is outside 0..9");
    }

    @Test
    void directoryIsNotAnIdxFile() {
        assertFormatError(() -> IdxReader.readImages(dir), dir, "not a regular file");
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> IdxReader.readImages(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThat(Files.exists(missing)).isFalse();
    }

    private interface Read {
        Object run() throws IOException;
    }

    private static void assertFormatError(Read read, Path file, String problem) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(IdxFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.getMessage()).startsWith(file.toString()).contains(problem);
                    assertThat(e.problem()).contains(problem);
                });
    }
}
