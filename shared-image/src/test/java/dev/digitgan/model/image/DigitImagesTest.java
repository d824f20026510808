package dev.digitgan.model.image;

import static dev.digitgan.model.image.DigitImages.PADDING_GREY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DigitImagesTest {

    @Test
    void greyMapsMinusOneToBlackAndOneToWhite() {
        assertThat(DigitImages.toGrey(-1f)).isZero();
        assertThat(DigitImages.toGrey(1f)).isEqualTo(255);
        assertThat(DigitImages.toGrey(0f)).isEqualTo(128);
        assertThat(DigitImages.toGrey(-7f)).isZero();
        assertThat(DigitImages.toGrey(3f)).isEqualTo(255);
        assertThat(DigitImages.toGrey(Float.NaN)).isZero();
    }

    @Test
    void everyMnistByteRoundTripsThroughTheDatasetScaling() {
        for (int p = 0; p < 256; p++) {
            assertThat(DigitImages.toGrey(p / 127.5f - 1f)).as("pixel %d", p).isEqualTo(p);
        }
    }

    @Test
    void gridDimensionsIncludePaddingAroundAndBetweenTiles() {
        BufferedImage img = DigitImages.grid(new float[5 * 28 * 28], 5, 28, 28, 3, 2, 3);

        // 3 columns, 2 rows of 56x56 tiles with 3 px before, between and after them.
        assertThat(img.getWidth()).isEqualTo(3 * 56 + 4 * 3);
        assertThat(img.getHeight()).isEqualTo(2 * 56 + 3 * 3);
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void fewerImagesThanColumnsGiveANarrowerGrid() {
        BufferedImage img = DigitImages.grid(new float[2 * 4], 2, 2, 2, 8, 1, 1);

        assertThat(img.getWidth()).isEqualTo(2 * 2 + 3);
        assertThat(img.getHeight()).isEqualTo(2 + 2);
    }

    @Test
    void knownPixelLandsInTheRightPlace() {
        // Three 4x3 (rows x cols) black images; image i has one white pixel at row i+1, col i.
        int rows = 4;
        int cols = 3;
        float[] images = new float[3 * rows * cols];
        Arrays.fill(images, -1f);
        for (int i = 0; i < 3; i++) {
            images[i * rows * cols + (i + 1) * cols + i] = 1f;
        }
        int scale = 3;
        int padding = 2;

        BufferedImage img = DigitImages.grid(images, 3, rows, cols, 2, scale, padding);

        // 2 columns: images 0 and 1 on the first tile row, image 2 below image 0, last cell empty.
        assertThat(img.getWidth()).isEqualTo(2 * (cols * scale + padding) + padding);
        assertThat(img.getHeight()).isEqualTo(2 * (rows * scale + padding) + padding);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertThat(grey(img, x, y)).as("pixel (%d, %d)", x, y)
                        .isEqualTo(expected(x, y, rows, cols, scale, padding));
            }
        }
    }

    /** What {@link #knownPixelLandsInTheRightPlace} must produce, computed independently per output pixel. */
    private static int expected(int x, int y, int rows, int cols, int scale, int padding) {
        int tileWidth = cols * scale + padding;
        int tileHeight = rows * scale + padding;
        int inX = x - padding - (x - padding) / tileWidth * tileWidth;
        int inY = y - padding - (y - padding) / tileHeight * tileHeight;
        if (x < padding || y < padding || inX >= cols * scale || inY >= rows * scale) {
            return PADDING_GREY;
        }
        int image = (y - padding) / tileHeight * 2 + (x - padding) / tileWidth;
        if (image >= 3) {
            return PADDING_GREY; // the empty fourth cell
        }
        int row = inY / scale;
        int col = inX / scale;
        return row == image + 1 && col == image ? 255 : 0;
    }

    @Test
    void gridPngDecodesToTheSamePixels() throws IOException {
        float[] images = new float[4 * 28 * 28];
        Arrays.fill(images, -1f);
        images[3 * 784 + 27 * 28 + 27] = 0f; // bottom-right pixel of the last image, mid grey
        BufferedImage direct = DigitImages.grid(images, 4, 28, 28, 2, 2, DigitImages.DEFAULT_PADDING);

        BufferedImage decoded = decode(DigitImages.gridPng(images, 4, 2, 2));

        assertThat(decoded.getWidth()).isEqualTo(direct.getWidth()).isEqualTo(2 * 56 + 3 * 2);
        assertThat(decoded.getHeight()).isEqualTo(direct.getHeight());
        int x = 2 + 56 + 2 + 55;
        int y = 2 + 56 + 2 + 55;
        assertThat(grey(decoded, x, y)).isEqualTo(128);
        assertThat(grey(decoded, x - 2, y)).isZero();
        assertThat(grey(decoded, x + 1, y)).isEqualTo(PADDING_GREY);
    }

    @Test
    void digitPngShowsOnlyTheChosenImageWithoutPadding() throws IOException {
        float[] images = new float[3 * 784];
        Arrays.fill(images, -1f);
        Arrays.fill(images, 784, 2 * 784, 1f); // image 1 all white

        BufferedImage one = decode(DigitImages.digitPng(images, 1, 4));
        BufferedImage zero = decode(DigitImages.digitPng(images, 0, 1));

        assertThat(one.getWidth()).isEqualTo(112);
        assertThat(one.getHeight()).isEqualTo(112);
        assertThat(grey(one, 0, 0)).isEqualTo(255);
        assertThat(grey(one, 111, 111)).isEqualTo(255);
        assertThat(zero.getWidth()).isEqualTo(28);
        assertThat(grey(zero, 13, 13)).isZero();
        assertThatThrownBy(() -> DigitImages.digitPng(images, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 3 outside the 3 images");
    }

    @Test
    void stripIsOneRow() throws IOException {
        float[] images = new float[7 * 784];

        BufferedImage strip = decode(DigitImages.stripPng(images, 7, 2));

        assertThat(strip.getWidth()).isEqualTo(7 * 56 + 8 * DigitImages.DEFAULT_PADDING);
        assertThat(strip.getHeight()).isEqualTo(56 + 2 * DigitImages.DEFAULT_PADDING);
    }

    @Test
    void badArgumentsAreRejectedWithTheReason() {
        float[] four = new float[4 * 784];
        assertThatThrownBy(() -> DigitImages.grid(null, 1, 28, 28, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> DigitImages.gridPng(four, 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be >= 1");
        assertThatThrownBy(() -> DigitImages.gridPng(four, 5, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 3920 values, array has 3136");
        assertThatThrownBy(() -> DigitImages.gridPng(four, 4, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns");
        assertThatThrownBy(() -> DigitImages.gridPng(four, 4, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> DigitImages.grid(four, 4, 28, 28, 2, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> DigitImages.grid(new float[1], 1, 1, 1, 1, 64, 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the limit");
    }

    static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("ImageIO decodes the PNG").isNotNull();
        return img;
    }

    static int grey(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }
}
