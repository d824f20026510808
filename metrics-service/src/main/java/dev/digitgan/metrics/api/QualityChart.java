package dev.digitgan.metrics.api;

import dev.digitgan.metrics.aggregate.CheckpointQuality;
import dev.digitgan.metrics.aggregate.QualitySummary;
import dev.digitgan.metrics.aggregate.ScoreSeries;
import dev.digitgan.model.image.StepCharts;
import dev.digitgan.model.quality.QualityScores;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A run's quality scores against training step, as a PNG (XChart, off-screen Java2D): the Fréchet distance on the
 * left axis, Inception Score and label entropy on the right, label accuracy on a second right axis when the run is
 * conditional. The curves are the headline series (the run's per-checkpoint scores); a score at another N, such as
 * the final 10,000-sample one, is drawn as separate points, since its Fréchet distance is not on the same scale.
 * The series colours are public so that tests can find the curves in the image.
 */
public final class QualityChart {

    public static final Color FRECHET = new Color(0xD6, 0x27, 0x28);
    public static final Color INCEPTION = new Color(0x1F, 0x77, 0xB4);
    public static final Color ENTROPY = new Color(0x2C, 0xA0, 0x2C);
    public static final Color ACCURACY = new Color(0xFF, 0x7F, 0x0E);
    public static final Color OTHER_N = new Color(0x94, 0x67, 0xBD);

    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int ACCURACY_AXIS = 2;

    private QualityChart() {
    }

    static byte[] png(String title, QualitySummary quality, int width, int height) {
        return StepCharts.png(chart(title, quality, width, height));
    }

    static XYChart chart(String title, QualitySummary quality, int width, int height) {
        ScoreSeries headline = quality.series();
        String subtitle = headline == null
                ? "no scored checkpoints yet"
                : String.format(Locale.ROOT, "N = %,d per checkpoint", headline.samples());
        XYChart chart = StepCharts.create(title + " (" + subtitle + ")", width, height);
        XYStyler styler = chart.getStyler();
        styler.setMarkerSize(7);
        chart.setYAxisGroupTitle(LEFT, "Fréchet distance (lower is better)");
        chart.setYAxisGroupTitle(RIGHT, "Inception Score, label entropy (bits)");
        styler.setYAxisGroupPosition(RIGHT, Styler.YAxisPosition.Right);
        styler.setYAxisMin(LEFT, 0.0);
        styler.setYAxisMin(RIGHT, 0.0);
        styler.setYAxisMax(RIGHT, 10.0);

        List<CheckpointQuality> versions = quality.versions();
        add(chart, "Fréchet distance", versions, headline, QualityScores::frechetDistance, LEFT, FRECHET,
                SeriesMarkers.CIRCLE, true);
        add(chart, "Inception Score", versions, headline, QualityScores::inceptionScore, RIGHT, INCEPTION,
                SeriesMarkers.SQUARE, true);
        add(chart, "label entropy (bits)", versions, headline, QualityScores::labelEntropyBits, RIGHT, ENTROPY,
                SeriesMarkers.TRIANGLE_UP, true);
        if (headline != null && versions.stream().flatMap(v -> v.scores().stream())
                .anyMatch(s -> ScoreSeries.of(s).equals(headline) && s.conditional())) {
            chart.setYAxisGroupTitle(ACCURACY_AXIS, "label accuracy");
            styler.setYAxisGroupPosition(ACCURACY_AXIS, Styler.YAxisPosition.Right);
            styler.setYAxisMin(ACCURACY_AXIS, 0.0);
            styler.setYAxisMax(ACCURACY_AXIS, 1.0);
            add(chart, "label accuracy", versions, headline,
                    s -> s.labelAccuracy() == null ? Double.NaN : s.labelAccuracy(), ACCURACY_AXIS, ACCURACY,
                    SeriesMarkers.DIAMOND, true);
        }
        TreeSet<ScoreSeries> others = new TreeSet<>(ScoreSeries.ORDER);
        versions.forEach(v -> v.scores().forEach(s -> others.add(ScoreSeries.of(s))));
        if (headline != null) {
            others.remove(headline);
        }
        for (ScoreSeries other : others) {
            String name = String.format(Locale.ROOT, "Fréchet distance, N = %,d", other.samples());
            if (others.stream().filter(o -> o.samples() == other.samples()).count() > 1) {
                name += " (" + other.evaluator() + ")";
            }
            add(chart, name, versions, other, QualityScores::frechetDistance, LEFT, OTHER_N, SeriesMarkers.DIAMOND,
                    false);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, List<CheckpointQuality> versions, ScoreSeries series,
                            ToDoubleFunction<QualityScores> value, int axis, Color color, Marker marker,
                            boolean line) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CheckpointQuality version : versions) {
            for (QualityScores s : version.scores()) {
                if (ScoreSeries.of(s).equals(series)) {
                    x.add((double) version.step());
                    y.add(value.applyAsDouble(s));
                }
            }
        }
        if (x.isEmpty()) {
            // XChart refuses empty series; an unscored run's chart shows the axes and the legend.
            x.add(0.0);
            y.add(Double.NaN);
        }
        XYSeries drawn = chart.addSeries(name, x, y);
        drawn.setYAxisGroup(axis);
        drawn.setMarker(marker);
        drawn.setMarkerColor(color);
        drawn.setLineColor(color);
        if (!line) {
            drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
    }
}
