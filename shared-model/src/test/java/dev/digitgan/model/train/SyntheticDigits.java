package dev.digitgan.model.train;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Test data shaped like MNIST: a bright 8x8 square at a random place on a black (-1) background. */
public final class SyntheticDigits {

    private SyntheticDigits() {
    }

    public static MnistDataset of(int size, long seed) {
        int side = GanSpec.IMAGE_SIDE;
        float[] images = new float[size * side * side];
        Arrays.fill(images, -1f);
        byte[] labels = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int top = random.nextInt(side - 8);
            int left = random.nextInt(side - 8);
            for (int r = top; r < top + 8; r++) {
                for (int c = left; c < left + 8; c++) {
                    images[i * side * side + r * side + c] = 1f;
                }
            }
            labels[i] = (byte) random.nextInt(10);
        }
        return new MnistDataset(size, side, side, images, labels);
    }
}
