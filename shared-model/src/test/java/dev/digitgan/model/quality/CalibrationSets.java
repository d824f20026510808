package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sample sets of the calibration table: real training digits, the same blurred, uniform noise, one class only,
 * real digits with shuffled requested labels. Each is a pure function of its inputs and seed.
 */
final class CalibrationSets {

    private static final int SIDE = GanSpec.IMAGE_SIDE;
    private static final int PIXELS = GanSpec.IMAGE_PIXELS;
    private static final float BACKGROUND = -1f;

    private CalibrationSets() {
    }

    /** The first {@code n} training images (pixels in [-1, 1]). */
    static float[] real(MnistDataset train, int n) {
        return Arrays.copyOf(train.images(), n * PIXELS);
    }

    /** The first {@code n} training labels. */
    static int[] labels(MnistDataset train, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = train.label(i);
        }
        return labels;
    }

    /** Each image convolved with a Gaussian of {@code sigma} pixels; beyond the border is background. */
    static float[] blurred(float[] images, double sigma) {
        float[] kernel = gaussianKernel(sigma);
        int radius = kernel.length / 2;
        float[] rows = new float[images.length];
        float[] out = new float[images.length];
        for (int base = 0; base < images.length; base += PIXELS) {
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int cc = c + k;
                        sum += kernel[k + radius] * (cc >= 0 && cc < SIDE ? images[base + r * SIDE + cc] : BACKGROUND);
                    }
                    rows[base + r * SIDE + c] = (float) sum;
                }
            }
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    double sum = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int rr = r + k;
                        sum += kernel[k + radius] * (rr >= 0 && rr < SIDE ? rows[base + rr * SIDE + c] : BACKGROUND);
                    }
                    out[base + r * SIDE + c] = (float) sum;
                }
            }
        }
        return out;
    }

    /** {@code n} images of independent uniform pixels in [-1, 1]. */
    static float[] uniformNoise(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] images = new float[n * PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble(-1, 1);
        }
        return images;
    }

    /**
     * {@code n} training images of {@code digit} only, cycling through them if the training set has fewer (it has
     * 5,421 to 6,742 per digit).
     */
    static float[] oneClass(MnistDataset train, int digit, int n) {
        int[] indices = new int[train.labelCounts()[digit]];
        int found = 0;
        for (int i = 0; i < train.size() && found < indices.length; i++) {
            if (train.label(i) == digit) {
                indices[found++] = i;
            }
        }
        float[] images = new float[n * PIXELS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(train.images(), indices[i % indices.length] * PIXELS, images, i * PIXELS, PIXELS);
        }
        return images;
    }

    /** A seeded permutation of {@code labels}: the same label counts, unrelated to the images. */
    static int[] shuffled(int[] labels, long seed) {
        int[] out = labels.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    static float[] gaussianKernel(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            sum += Math.exp(-k * k / (2 * sigma * sigma));
        }
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = (float) (Math.exp(-k * k / (2 * sigma * sigma)) / sum);
        }
        return kernel;
    }
}
