package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandwritingTest {

    /** {@code count} 28x28 images, image i inked (value 1) in columns from[i]..to[i]-1, background -1 elsewhere. */
    private static float[] bars(int[] from, int[] to) {
        float[] images = new float[from.length * 784];
        Arrays.fill(images, -1f);
        for (int i = 0; i < from.length; i++) {
            for (int r = 4; r < 24; r++) {
                for (int c = from[i]; c < to[i]; c++) {
                    images[i * 784 + r * 28 + c] = 1f;
                }
            }
        }
        return images;
    }

    @Test
    void eachDigitIsCroppedToItsInkColumns() {
        float[] images = bars(new int[] {10, 3}, new int[] {15, 25});
        assertThat(Handwriting.inkColumns(images, 0)).containsExactly(10, 15);
        assertThat(Handwriting.inkColumns(images, 1)).containsExactly(3, 25);
        images[5 * 28 + 20] = Handwriting.INK; // faint: at the threshold is not ink
        assertThat(Handwriting.inkColumns(images, 0)).containsExactly(10, 15);
    }

    @Test
    void aDigitWithoutInkStillTakesAPlace() {
        float[] blank = new float[784];
        Arrays.fill(blank, -1f);
        int[] band = Handwriting.inkColumns(blank, 0);
        assertThat(band[1] - band[0]).isEqualTo(Handwriting.BLANK_WIDTH);
        blank[100] = Float.NaN;
        assertThat(Handwriting.inkColumns(blank, 0)[1] - Handwriting.inkColumns(blank, 0)[0])
                .isEqualTo(Handwriting.BLANK_WIDTH);
    }

    @Test
    void digitsAreSetAFewBackgroundColumnsApartWithoutOverlapping() {
        int[] from = {10, 8, 12, 9};
        int[] to = {15, 20, 16, 19};
        Handwriting.Line line = Handwriting.write(bars(from, to), 4, 77);
        assertThat(line.height()).isEqualTo(28 + 2 * Handwriting.MAX_RISE);
        int inked = 0;
        for (int i = 0; i < 4; i++) {
            inked += to[i] - from[i];
        }
        int gaps = line.width() - 2 * Handwriting.MARGIN - inked;
        assertThat(gaps).isBetween(3 * Handwriting.MIN_GAP, 3 * (Handwriting.MIN_GAP + Handwriting.EXTRA_GAP));
        // columns are ink or background; runs of ink are the four digits, their widths in order
        int[] widths = new int[4];
        int run = -1;
        int background = 0;
        for (int x = 0; x < line.width(); x++) {
            boolean ink = false;
            for (int y = 0; y < line.height(); y++) {
                ink |= line.pixels()[y * line.width() + x] > 0;
            }
            if (ink) {
                if (run < 0 || background > 0) {
                    assertThat(run < 0 || background >= Handwriting.MIN_GAP).as("gap before digit %d", run + 1)
                            .isTrue();
                    run++;
                }
                widths[run]++;
                background = 0;
            } else {
                background++;
            }
        }
        assertThat(widths).containsExactly(5, 12, 4, 10);
    }

    @Test
    void theLayoutIsAFunctionOfTheSeed() {
        float[] images = bars(new int[] {10, 8, 12, 9}, new int[] {15, 20, 16, 19});
        Handwriting.Line a = Handwriting.write(images, 4, 1);
        assertThat(Handwriting.write(images, 4, 1).pixels()).containsExactly(a.pixels());
        boolean anotherSeedDiffers = false;
        for (long seed = 2; seed < 6; seed++) {
            anotherSeedDiffers |= !Arrays.equals(Handwriting.write(images, 4, seed).pixels(), a.pixels());
        }
        assertThat(anotherSeedDiffers).isTrue();
    }

    @Test
    void refusesAnArrayThatIsNotCountImages() {
        assertThatThrownBy(() -> Handwriting.write(new float[784 * 2 - 1], 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Handwriting.write(new float[0], 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
