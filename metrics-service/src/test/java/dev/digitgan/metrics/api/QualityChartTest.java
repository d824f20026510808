package dev.digitgan.metrics.api;

import static dev.digitgan.metrics.aggregate.Events.checkpoint;
import static dev.digitgan.metrics.aggregate.Events.conditionalScores;
import static dev.digitgan.metrics.aggregate.Events.scored;
import static dev.digitgan.metrics.aggregate.Events.scores;
import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.metrics.aggregate.AggregatorSettings;
import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.metrics.aggregate.QualitySummary;
import dev.digitgan.metrics.aggregate.RunListener;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QualityChartTest {

    /** PNGs are kept here so that a person can look at them ({@code target/quality-chart/*.png}). */
    static final Path OUT = Path.of("target", "quality-chart");
    static final int LEGEND_ONLY = 100;
    static final int A_CURVE = 400;

    @Test
    void anUnscoredRunGetsAValidChartWithoutCurves() throws Exception {
        LossAggregator aggregator = new LossAggregator(AggregatorSettings.DEFAULTS, RunListener.NONE);
        aggregator.accept(checkpoint("plain", 1, 100));
        BufferedImage image = render("unscored", aggregator.run("plain").orElseThrow().quality(), 640, 400);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        // The legend's line-and-marker swatch only (45 pixels here); a curve across the plot is hundreds.
        assertThat(pixels(image, QualityChart.FRECHET)).as("no Fréchet curve").isLessThan(LEGEND_ONLY);
        assertThat(pixels(image, QualityChart.INCEPTION)).as("no IS curve").isLessThan(LEGEND_ONLY);
    }

    @Test
    void scoresDrawEveryCurveAndTheFinalScoreAsItsOwnPoints() throws Exception {
        LossAggregator aggregator = new LossAggregator(AggregatorSettings.DEFAULTS, RunListener.NONE);
        double[] fd = {182, 121, 88, 71, 64, 66, 58, 55};
        double[] is = {1.6, 2.4, 3.3, 4.0, 4.6, 4.5, 5.0, 5.2};
        double[] entropy = {2.1, 2.7, 3.0, 3.1, 3.2, 3.2, 3.25, 3.27};
        for (int i = 0; i < fd.length; i++) {
            aggregator.accept(scored("mlp-8", i + 1, (i + 1) * 234L, scores(fd[i], is[i], entropy[i], 1_000)));
        }
        aggregator.accept(scored("mlp-8", fd.length, fd.length * 234L, scores(41, 5.3, 3.28, 10_000)));
        QualitySummary quality = aggregator.run("mlp-8").orElseThrow().quality();
        BufferedImage image = render("scored", quality, 800, 500);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        // Enough pixels in each colour for a curve across the plot, not only its legend swatch.
        assertThat(pixels(image, QualityChart.FRECHET)).isGreaterThan(A_CURVE);
        assertThat(pixels(image, QualityChart.INCEPTION)).isGreaterThan(A_CURVE);
        assertThat(pixels(image, QualityChart.ENTROPY)).isGreaterThan(A_CURVE);
        assertThat(pixels(image, QualityChart.OTHER_N)).as("the N = 10,000 point and its legend").isPositive();
        assertThat(pixels(image, QualityChart.ACCURACY)).as("no accuracy for an unconditional run").isZero();
        assertThat(pixels(image, QualityChart.OTHER_N)).as("one point, not a curve").isLessThan(LEGEND_ONLY);
    }

    @Test
    void aConditionalRunAddsTheLabelAccuracyCurve() throws Exception {
        LossAggregator aggregator = new LossAggregator(AggregatorSettings.DEFAULTS, RunListener.NONE);
        double[] accuracy = {0.15, 0.4, 0.66, 0.81, 0.9};
        for (int i = 0; i < accuracy.length; i++) {
            aggregator.accept(scored("cgan", i + 1, (i + 1) * 100L,
                    conditionalScores(150 - 25 * i, 2 + i, 3.0, accuracy[i], 1_000)));
        }
        BufferedImage image = render("conditional", aggregator.run("cgan").orElseThrow().quality(), 800, 500);
        assertThat(pixels(image, QualityChart.ACCURACY)).isGreaterThan(A_CURVE);
    }

    private static BufferedImage render(String name, QualitySummary quality, int width, int height) throws Exception {
        byte[] png = QualityChart.png("Run " + name + ": quality per checkpoint", quality, width, height);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name + ".png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodable PNG").isNotNull();
        return image;
    }

    /** Pixels of exactly this colour (XChart draws lines and markers in the series colour, antialiased at edges). */
    static long pixels(BufferedImage image, Color color) {
        long count = 0;
        int rgb = color.getRGB() & 0xFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
