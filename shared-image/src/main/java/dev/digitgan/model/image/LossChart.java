package dev.digitgan.model.image;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Discriminator and generator loss against training step, as a PNG drawn by XChart. Works without a
 * display (only off-screen Java2D is used).
 */
public final class LossChart {

    public static final String DISCRIMINATOR_SERIES = "Discriminator";
    public static final String GENERATOR_SERIES = "Generator";
    /**
     * Points drawn per series at most. A chart a few hundred pixels wide cannot show more, and XChart
     * is slow with many (measured here: 8-11 s for 2 x 100k points, 0.1-0.3 s downsampled);
     * {@link Downsampler} keeps each bucket's extremes so spikes survive.
     */
    public static final int MAX_DRAWN_POINTS = 2_000;

    static final int MIN_SIDE = StepCharts.MIN_SIDE;
    static final int MAX_SIDE = StepCharts.MAX_SIDE;

    private LossChart() {
    }

    /**
     * @param steps one step number per loss value (need not be evenly spaced)
     * @throws IllegalArgumentException for null or mismatched arrays or a size outside
     *                                  {@value #MIN_SIDE}..{@value #MAX_SIDE} pixels
     */
    public static byte[] png(String title, long[] steps, double[] discriminatorLoss, double[] generatorLoss,
                             int width, int height) {
        return StepCharts.png(chart(title, steps, discriminatorLoss, generatorLoss, width, height));
    }

    static XYChart chart(String title, long[] steps, double[] discriminatorLoss, double[] generatorLoss,
                         int width, int height) {
        if (steps == null || discriminatorLoss == null || generatorLoss == null) {
            throw new IllegalArgumentException("steps and both loss arrays must not be null");
        }
        if (discriminatorLoss.length != steps.length || generatorLoss.length != steps.length) {
            throw new IllegalArgumentException("need one loss per step: " + steps.length + " steps, "
                    + discriminatorLoss.length + " discriminator and " + generatorLoss.length + " generator losses");
        }
        XYChart chart = StepCharts.create(title, width, height);
        chart.setYAxisTitle("loss");

        addSeries(chart, DISCRIMINATOR_SERIES, steps, discriminatorLoss, new Color(0xD6, 0x27, 0x28));
        addSeries(chart, GENERATOR_SERIES, steps, generatorLoss, new Color(0x1F, 0x77, 0xB4));
        return chart;
    }

    private static void addSeries(XYChart chart, String name, long[] steps, double[] loss, Color color) {
        Downsampler.Points points = Downsampler.minMax(steps, loss, MAX_DRAWN_POINTS);
        double[] x = points.x();
        double[] y = points.y();
        if (x.length == 0) {
            // XChart refuses empty series; a chart of a run with no steps yet shows just the legend.
            x = new double[] {0};
            y = new double[] {Double.NaN};
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
    }
}
