package dev.kumo.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram recorded in nanoseconds, reported in microseconds.
 *
 * @param count  recorded values
 * @param meanUs mean
 * @param p50Us  median
 * @param p90Us  90th percentile
 * @param p99Us  99th percentile
 * @param p999Us 99.9th percentile
 * @param maxUs  largest value
 */
record LatencyReport(long count, double meanUs, double p50Us, double p90Us, double p99Us, double p999Us,
                     double maxUs) {

    /** A histogram able to record 1 ns to 60 s at three significant digits. */
    static Histogram newHistogram() {
        return new Histogram(1, 60_000_000_000L, 3);
    }

    /** Summarises a histogram of nanosecond values. */
    static LatencyReport of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencyReport(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencyReport(nanos.getTotalCount(), nanos.getMean() / 1000,
                us(nanos, 50), us(nanos, 90), us(nanos, 99), us(nanos, 99.9), nanos.getMaxValue() / 1000.0);
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
