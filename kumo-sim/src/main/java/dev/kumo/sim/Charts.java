package dev.kumo.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG plots of a {@link Summary}: the paper's trade-off curve (its Figure 15) and per-app cold-start CDFs. */
final class Charts {

    private static final Pattern FIXED = Pattern.compile("fixed(:.*)?");
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    private Charts() {
    }

    /**
     * x: wasted memory normalized to fixed:10m; y: 75th-percentile app cold-start %. Fixed policies form one line in
     * order of waste; every other policy is its own marker.
     */
    static void tradeoff(Summary summary, Path png) throws IOException {
        var data = new XYSeriesCollection();
        var fixed = new XYSeries("fixed keep-alive", true, true);
        summary.results().stream().filter(r -> FIXED.matcher(r.policy()).matches())
                .sorted(Comparator.comparingDouble(summary::normalizedWaste))
                .forEach(r -> fixed.add(summary.normalizedWaste(r), r.coldStartPctP75()));
        data.addSeries(fixed);
        summary.results().stream().filter(r -> !FIXED.matcher(r.policy()).matches()).forEach(r -> {
            var point = new XYSeries(r.policy(), false, true);
            point.add(summary.normalizedWaste(r), r.coldStartPctP75());
            data.addSeries(point);
        });
        var chart = ChartFactory.createXYLineChart("Cold starts vs wasted memory",
                "Wasted memory time, normalized to fixed:10m", "75th-percentile app cold start (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        var renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        for (int s = 1; s < data.getSeriesCount(); s++) {
            renderer.setSeriesLinesVisible(s, false);
            renderer.setSeriesShape(s, star(9));
        }
        chart.getXYPlot().setRenderer(renderer);
        save(chart, png);
    }

    /** The cumulative distribution of per-app cold-start percentages, one line per policy. */
    static void coldStartCdf(Summary summary, Path png) throws IOException {
        var data = new XYSeriesCollection();
        for (var r : summary.results()) {
            var series = new XYSeries(r.policy(), false, true);
            var pct = r.appColdStartPct();
            for (int i = 0; i < pct.size(); i++) {
                series.add(pct.get(i).doubleValue(), (i + 1.0) / pct.size());
            }
            data.addSeries(series);
        }
        var chart = ChartFactory.createXYLineChart("Per-application cold starts", "App cold start (%)",
                "Fraction of applications", data, PlotOrientation.VERTICAL, true, false, false);
        var renderer = new XYLineAndShapeRenderer(true, false);
        chart.getXYPlot().setRenderer(renderer);
        save(chart, png);
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static Path2D star(double r) {
        var star = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? r : r / 2.5;
            double angle = Math.PI / 5 * i - Math.PI / 2;
            double x = radius * Math.cos(angle);
            double y = radius * Math.sin(angle);
            if (i == 0) {
                star.moveTo(x, y);
            } else {
                star.lineTo(x, y);
            }
        }
        star.closePath();
        return star;
    }
}
