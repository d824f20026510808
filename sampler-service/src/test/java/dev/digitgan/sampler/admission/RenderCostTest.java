package dev.digitgan.sampler.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.digitgan.model.image.DigitImages;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RenderCostTest {

    @Test
    void costGrowsWithDigitsAndTheSquareOfTheScale() {
        assertThat(RenderCost.grid(256, 8)).isEqualTo(256 * 65);
        assertThat(RenderCost.grid(64, 2)).isEqualTo(64 * 5);
        assertThat(RenderCost.grid(2, 4)).isEqualTo(2 * RenderCost.grid(1, 4));
        assertThat(RenderCost.digit(4)).isEqualTo(17).isEqualTo(RenderCost.grid(1, 4));
        assertThat(RenderCost.walk(32, 8)).isEqualTo(RenderCost.grid(32, 8));
        assertThat(RenderCost.pixels(64)).isEqualTo(64 * RenderCost.JSON_DIGIT);
    }

    /** The bytes-per-unit figure the limits are sized with, measured on the renderer the sampler uses. */
    @Test
    void renderingTheLargestGridAllocatesNoMoreThanTheBudgetedBytesPerUnit() {
        int n = 256;
        int scale = 8;
        float[] images = new float[n * 784];
        Random random = new Random(7);
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat() * 2 - 1;
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        DigitImages.gridPng(images, n, 16, scale); // warm-up: class loading allocates too
        long before = threads.getThreadAllocatedBytes(id);
        byte[] png = DigitImages.gridPng(images, n, 16, scale);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        long units = RenderCost.grid(n, scale);
        System.out.printf("largest grid: %d units, %.1f MB allocated, %d bytes a unit, PNG %d bytes%n", units,
                allocated / 1e6, allocated / units, png.length);
        assertThat(allocated / units).isLessThanOrEqualTo(AdmissionLimits.BYTES_PER_UNIT)
                // a lower bound too, so that a measurement that counts nothing cannot pass: the raster alone
                .isGreaterThanOrEqualTo(784L * scale * scale / (scale * scale + 1));
    }
}
