package dev.digitgan.model.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One MNIST split in memory, ready for a GAN whose generator ends in tanh.
 *
 * @param images {@code size * rows * cols} floats in [-1, 1] ({@code pixel / 127.5 - 1}), image after
 *               image, each row-major; 0 (black background) maps to -1, 255 to 1
 * @param labels {@code size} digits 0..9
 */
public record MnistDataset(int size, int rows, int cols, float[] images, byte[] labels) {

    /** Pixel byte to [-1, 1]; a table so the 47 M conversions are one load each. */
    private static final float[] SCALED = scaleTable();

    public MnistDataset {
        if (size < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("need size >= 0, rows > 0, cols > 0, got " + size + "x" + rows + "x"
                    + cols);
        }
        if (images == null || images.length != (long) size * rows * cols) {
            throw new IllegalArgumentException("expected " + (long) size * rows * cols + " image values, got "
                    + (images == null ? "null" : images.length));
        }
        if (labels == null || labels.length != size) {
            throw new IllegalArgumentException("expected " + size + " labels, got "
                    + (labels == null ? "null" : labels.length));
        }
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0..9");
            }
        }
    }

    /**
     * Reads the images and labels of a split from {@code dir} (file names from {@link MnistSplit}).
     * Does not hash the files; {@link MnistFiles#verify(Path)} does that.
     */
    public static MnistDataset load(Path dir, MnistSplit split) throws IOException {
        Path imagesFile = MnistFiles.imagesFile(dir, split);
        Path labelsFile = MnistFiles.labelsFile(dir, split);
        for (Path file : new Path[] {imagesFile, labelsFile}) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString(), null,
                        "MNIST " + split + " file missing; run scripts/fetch-mnist.sh");
            }
        }
        IdxImages idx = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        if (idx.count() != labels.length) {
            throw new IOException("MNIST " + split + ": " + imagesFile + " has " + idx.count() + " images but "
                    + labelsFile + " has " + labels.length + " labels");
        }
        return new MnistDataset(idx.count(), idx.rows(), idx.cols(), scale(idx.pixels()), labels);
    }

    /** Values per image: {@code rows * cols}. */
    public int pixels() {
        return rows * cols;
    }

    /** Per-pixel mean over all images, in [-1, 1]. */
    public float[] meanImage() {
        if (size == 0) {
            throw new IllegalStateException("mean image of an empty dataset is undefined");
        }
        int n = pixels();
        double[] sums = new double[n];
        for (int image = 0; image < size; image++) {
            int base = image * n;
            for (int p = 0; p < n; p++) {
                sums[p] += images[base + p];
            }
        }
        float[] mean = new float[n];
        for (int p = 0; p < n; p++) {
            mean[p] = (float) (sums[p] / size);
        }
        return mean;
    }

    /** A copy of one image's {@link #pixels()} values. */
    public float[] image(int index) {
        checkIndex(index);
        return Arrays.copyOfRange(images, index * pixels(), (index + 1) * pixels());
    }

    public int label(int index) {
        checkIndex(index);
        return labels[index];
    }

    /** How many images carry each digit; index = digit. */
    public int[] labelCounts() {
        int[] counts = new int[10];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The first {@code n} images and labels (copies), for quick runs and tests. */
    public MnistDataset first(int n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("cannot take " + n + " of " + size + " images");
        }
        return new MnistDataset(n, rows, cols, Arrays.copyOf(images, n * pixels()), Arrays.copyOf(labels, n));
    }

    @Override
    public String toString() {
        return "MnistDataset[size=" + size + ", rows=" + rows + ", cols=" + cols + "]";
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image " + index + " outside 0.." + (size - 1));
        }
    }

    static float[] scale(byte[] pixels) {
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = SCALED[pixels[i] & 0xFF];
        }
        return scaled;
    }

    private static float[] scaleTable() {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = v / 127.5f - 1f;
        }
        return table;
    }
}
