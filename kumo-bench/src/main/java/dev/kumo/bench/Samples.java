package dev.kumo.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * A small set of measured values (cold starts, a few hundred at most) with exact nearest-rank percentiles.
 *
 * @param sorted the values in ascending order
 */
record Samples(double[] sorted) {

    /** Sorts a copy. */
    Samples {
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    /** Samples of the given values. */
    static Samples of(Collection<Double> values) {
        return new Samples(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Number of values. */
    int count() {
        return sorted.length;
    }

    /**
     * Nearest-rank percentile: the smallest value such that at least {@code percent}% of the values are at
     * or below it; NaN when empty.
     */
    double percentile(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (percent <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** The median (nearest rank). */
    double median() {
        return percentile(50);
    }
}
