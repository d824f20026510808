package dev.digitgan.model.image;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The project's charts of a figure against training step (losses, quality scores), drawn by XChart off-screen:
 * one look for all of them, and one PNG encoding.
 */
public final class StepCharts {

    public static final int MIN_SIDE = 100;
    public static final int MAX_SIDE = 8_192;

    private StepCharts() {
    }

    /**
     * An empty chart with the training step on the x axis and the legend below the plot.
     *
     * @throws IllegalArgumentException for a size outside {@value #MIN_SIDE}..{@value #MAX_SIDE} pixels
     */
    public static XYChart create(String title, int width, int height) {
        if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("chart size must be " + MIN_SIDE + ".." + MAX_SIDE
                    + " pixels per side, got " + width + "x" + height);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title)
                .xAxisTitle("step").build();
        XYStyler styler = chart.getStyler();
        // Below the plot, so the legend never hides the early, high part of the curves.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setXAxisDecimalPattern("#,##0");
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            // Encoding into memory only fails on bugs, not on I/O.
            throw new UncheckedIOException("PNG encoding of the chart '" + chart.getTitle() + "' failed", e);
        }
    }
}
