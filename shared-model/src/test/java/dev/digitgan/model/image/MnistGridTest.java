package dev.digitgan.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the first 64 real training digits; the PNG is kept in target/test-output for a person to
 * look at. Fails, naming scripts/fetch-mnist.sh, when data/mnist is absent.
 */
class MnistGridTest {

    @Test
    void firstSixtyFourTrainingDigits() throws IOException {
        RepoRoot.requireMnist();
        MnistDataset train = MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TRAIN).first(64);
        int scale = 2;
        int padding = DigitImages.DEFAULT_PADDING;

        byte[] png = DigitImages.gridPng(train.images(), 64, 8, scale);
        Path out = RepoRoot.find().resolve("shared-model/target/test-output/mnist-grid.png");
        Files.createDirectories(out.getParent());
        Files.write(out, png);

        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("ImageIO decodes the PNG").isNotNull();
        assertThat(img.getWidth()).isEqualTo(8 * 56 + 9 * padding);
        assertThat(img.getHeight()).isEqualTo(8 * 56 + 9 * padding);
        for (int i = 0; i < 64; i++) {
            int left = padding + (i % 8) * (56 + padding);
            int top = padding + (i / 8) * (56 + padding);
            // MNIST corners are background (black); every digit has some full-white ink.
            assertThat(grey(img, left, top)).as("top-left corner of tile %d", i).isZero();
            assertThat(grey(img, left + 55, top + 55)).as("bottom-right corner of tile %d", i).isZero();
            assertThat(maxGrey(img, left, top, 56)).as("brightest pixel of tile %d", i).isGreaterThan(250);
            // Every source pixel is drawn as a 2x2 block, so a tile equals its source image exactly.
            float[] source = train.image(i);
            for (int p = 0; p < 784; p++) {
                int x = left + (p % 28) * scale;
                int y = top + (p / 28) * scale;
                int expected = DigitImages.toGrey(source[p]);
                assertThat(grey(img, x + 1, y + 1)).isEqualTo(expected);
            }
        }
    }

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    private static int maxGrey(BufferedImage img, int left, int top, int side) {
        int max = 0;
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                max = Math.max(max, grey(img, x, y));
            }
        }
        return max;
    }
}
