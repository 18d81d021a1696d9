package dev.kumo.bench;

import java.util.Locale;

/**
 * One reported number for Kumo and the same number for the baseline it is compared against.
 *
 * @param benchmark    benchmark name, e.g. {@code warm-throughput}
 * @param metric       metric name, e.g. {@code requests_per_sec}
 * @param unit         unit of {@code kumo} and {@code baseline}
 * @param kumo         Kumo's value (NaN when not measured)
 * @param baseline     the baseline's value (NaN when there is none)
 * @param baselineName what the baseline is, e.g. {@code raw netty}
 * @param goal         the goal the measurement is judged against
 */
record Measurement(String benchmark, String metric, String unit, double kumo, double baseline,
                   String baselineName, Goal goal) {

    /** Kumo divided by baseline; NaN when either is missing or the baseline is zero. */
    double ratio() {
        if (Double.isNaN(kumo) || Double.isNaN(baseline) || baseline == 0) {
            return Double.NaN;
        }
        return kumo / baseline;
    }

    /** Whether the goal is met. */
    Goal.Verdict verdict() {
        return goal.judge(this);
    }

    /** Formats a value with about four significant digits, {@code n/a} for NaN. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double abs = Math.abs(v);
        if (abs >= 1000 || v == Math.rint(v) && abs < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
