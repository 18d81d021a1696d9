package dev.kumo.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Renders the result charts as PNG files with JFreeChart (headless). */
final class Charts {

    /** One bar: a value of one series (Kumo or a baseline) in one category (a metric or stage). */
    record Bar(String series, String category, double value) {
    }

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x9e9e9e), new Color(0xff7f0e),
        new Color(0x2ca02c)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /** A grouped bar chart, categories along x, one bar per series in each; values labelled. */
    static Path bars(Path file, String title, String valueAxis, List<Bar> bars) {
        var data = new DefaultCategoryDataset();
        for (Bar b : bars) {
            data.addValue(Double.isNaN(b.value()) ? null : b.value(), b.series(), b.category());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "", valueAxis, data);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        var renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("#,##0.##")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return save(file, chart);
    }

    /**
     * Latency by percentile for each histogram (recorded in ns, drawn in µs), on the usual "nines" scale:
     * x is 1/(1-q), so 90%, 99%, 99.9% are evenly spaced.
     */
    static Path percentileCurves(Path file, String title, Map<String, Histogram> nanosBySeries) {
        var data = new XYSeriesCollection();
        for (var e : nanosBySeries.entrySet()) {
            var series = new XYSeries(e.getKey());
            for (HistogramIterationValue v : e.getValue().percentiles(5)) {
                double q = v.getPercentileLevelIteratedTo() / 100.0;
                if (q >= 0.99999) {
                    break;
                }
                series.add(1 / (1 - q), v.getValueIteratedTo() / 1000.0);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "percentile", "latency (µs)", data);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        var x = new LogAxis("percentile");
        x.setBase(10);
        x.setTickUnit(new NumberTickUnit(1), false, true);
        x.setMinorTickCount(1);
        x.setNumberFormatOverride(new NinesFormat());
        plot.setDomainAxis(x);
        var y = new LogAxis("latency (µs), log scale");
        y.setBase(10);
        y.setSmallestValue(1);
        y.setTickUnit(new NumberTickUnit(1), false, true);
        y.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        plot.setRangeAxis(y);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return save(file, chart);
    }

    /** Lines through (x, y) points, one per series, on linear axes; points are {@code {x, y}} pairs. */
    static Path lines(Path file, String title, String xAxis, String yAxis, Map<String, List<double[]>> points) {
        var data = new XYSeriesCollection();
        for (var e : points.entrySet()) {
            var series = new XYSeries(e.getKey());
            e.getValue().forEach(p -> series.add(p[0], p[1]));
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xAxis, yAxis, data);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        var renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return save(file, chart);
    }

    private static Path save(Path file, JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Labels x = 1/(1-q) as the percentile q: 10 -> 90%, 1000 -> 99.9%. */
    private static final class NinesFormat extends NumberFormat {

        @Override
        public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
            double percent = 100 * (1 - 1 / x);
            return to.append(new DecimalFormat("0.####").format(percent)).append('%');
        }

        @Override
        public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
            return format((double) x, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
