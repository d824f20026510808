package dev.digitgan.model.image;

import static dev.digitgan.model.image.DigitImagesTest.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LossChartTest {

    @BeforeAll
    static void headless() {
        // Servers have no display. Set before AWT initialises; a display-less Linux JVM is headless anyway.
        System.setProperty("java.awt.headless", "true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    /** A GAN-like run: D loss settles near 0.6, G loss near 1.0, with noise. */
    private static Run run(int n, long seed) {
        Random random = new Random(seed);
        long[] steps = new long[n];
        double[] d = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1L;
            double settle = Math.exp(-i / (n / 5.0));
            d[i] = 0.6 + 0.8 * settle + 0.05 * random.nextGaussian();
            g[i] = 1.0 + 2.0 * settle + 0.1 * random.nextGaussian();
        }
        return new Run(steps, d, g);
    }

    private record Run(long[] steps, double[] d, double[] g) {
    }

    @Test
    void rendersBothSeriesAsADecodablePng() throws IOException {
        Run run = run(500, 1);

        byte[] png = LossChart.png("run 42", run.steps(), run.d(), run.g(), 800, 400);
        // surefire runs in the module directory
        Path out = Path.of("target/test-output/loss-chart.png");
        Files.createDirectories(out.getParent());
        Files.write(out, png);

        BufferedImage img = decode(png);
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(400);
        // Both lines are really drawn, each in its own colour.
        assertThat(countNear(img, new Color(0xD6, 0x27, 0x28))).as("discriminator (red) pixels").isGreaterThan(500);
        assertThat(countNear(img, new Color(0x1F, 0x77, 0xB4))).as("generator (blue) pixels").isGreaterThan(500);
    }

    @Test
    void chartHasTitlesLegendAndTwoNamedSeries() {
        Run run = run(10, 2);

        XYChart chart = LossChart.chart("my run", run.steps(), run.d(), run.g(), 600, 300);

        assertThat(chart.getTitle()).isEqualTo("my run");
        assertThat(chart.getXAxisTitle()).isEqualTo("step");
        assertThat(chart.getYAxisTitle()).isEqualTo("loss");
        assertThat(chart.getStyler().isLegendVisible()).isTrue();
        assertThat(chart.getSeriesMap()).containsOnlyKeys(LossChart.DISCRIMINATOR_SERIES, LossChart.GENERATOR_SERIES);
        assertThat(chart.getSeriesMap().get(LossChart.GENERATOR_SERIES).getYData()).containsExactly(run.g());
    }

    @Test
    void hundredThousandPointsAreDownsampledKeepingExtremes() throws IOException {
        Run run = run(100_000, 3);
        run.d()[31_337] = 25.0;
        run.g()[99_000] = -4.0;

        XYChart chart = LossChart.chart("long run", run.steps(), run.d(), run.g(), 800, 400);
        XYSeries d = chart.getSeriesMap().get(LossChart.DISCRIMINATOR_SERIES);
        XYSeries g = chart.getSeriesMap().get(LossChart.GENERATOR_SERIES);

        assertThat(d.getXData().length).isLessThanOrEqualTo(LossChart.MAX_DRAWN_POINTS);
        assertThat(d.getYMax()).isEqualTo(25.0);
        assertThat(g.getYMin()).isEqualTo(-4.0);
        assertThat(decode(LossChart.png("long run", run.steps(), run.d(), run.g(), 800, 400)).getWidth())
                .isEqualTo(800);
    }

    @Test
    void emptyAndNonFiniteLossesStillRender() throws IOException {
        byte[] empty = LossChart.png("no steps yet", new long[0], new double[0], new double[0], 400, 300);
        assertThat(decode(empty).getHeight()).isEqualTo(300);
        long[] steps = {1, 2, 3, 4};
        double[] d = {0.7, Double.NaN, Double.POSITIVE_INFINITY, 0.6};
        double[] g = {1.2, 1.1, 1.0, 0.9};
        assertThat(decode(LossChart.png("diverged", steps, d, g, 400, 300)).getWidth()).isEqualTo(400);
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        long[] steps = {1, 2};
        double[] two = {0.1, 0.2};
        assertThatThrownBy(() -> LossChart.png("t", steps, new double[] {0.1}, two, 400, 300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 steps, 1 discriminator and 2 generator");
        assertThatThrownBy(() -> LossChart.png("t", null, two, two, 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
        assertThatThrownBy(() -> LossChart.png("t", steps, two, two, 10, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x300");
        assertThatThrownBy(() -> LossChart.png("t", steps, two, two, 400, 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("400x100000");
    }

    private static int countNear(BufferedImage img, Color color) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color c = new Color(img.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) < 24 && Math.abs(c.getGreen() - color.getGreen()) < 24
                        && Math.abs(c.getBlue() - color.getBlue()) < 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
