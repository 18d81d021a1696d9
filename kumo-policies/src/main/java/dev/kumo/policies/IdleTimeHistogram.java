package dev.kumo.policies;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Counts one application's idle times in fixed-width bins, plus those too long for any bin (out of bounds).
 * Memory is one {@code long} per bin, whatever the number of observations. Not thread-safe: its owner locks.
 *
 * <p>Percentiles use the nearest rank over the in-range idle times: the {@code p}-th percentile lies in the first
 * bin whose cumulative count reaches {@code max(1, ceil(p / 100 * n))}. Within that bin the exact value is unknown,
 * so the head is read conservatively at the bin's lower edge ({@link #lowerEdge}) and the tail at its upper edge
 * ({@link #upperEdge}), as in the paper: the pre-warm point is never later, and the window's end never earlier,
 * than the true percentile.
 */
final class IdleTimeHistogram {

    private final Duration bin;
    private final long[] counts;
    private long inRange;
    private long outOfBounds;

    IdleTimeHistogram(Duration bin, int bins) {
        this.bin = bin;
        this.counts = new long[bins];
    }

    /** Counts {@code idle} (non-negative) in its bin, or as out of bounds when it reaches past the last bin. */
    void add(Duration idle) {
        long index = idle.dividedBy(bin);
        if (index >= counts.length) {
            outOfBounds++;
        } else {
            counts[(int) index]++;
            inRange++;
        }
    }

    /** Idle times observed, in range or not. */
    long total() {
        return inRange + outOfBounds;
    }

    long inRange() {
        return inRange;
    }

    long outOfBounds() {
        return outOfBounds;
    }

    /** The bin holding the {@code percentile}-th in-range idle time; only meaningful when {@link #inRange} > 0. */
    int binOf(double percentile) {
        return binOfRank(rankOf(percentile, inRange));
    }

    /**
     * The bin holding the {@code percentile}-th of all idle times, out-of-bound ones counted as longer than any
     * bin; empty when nothing was observed or that idle time is out of bounds. With fewer than
     * {@code 100 / (100 - percentile)} idle times the nearest rank is the largest, so this is the longest seen.
     */
    OptionalInt binOfAll(double percentile) {
        long rank = rankOf(percentile, total());
        return total() == 0 || rank > inRange ? OptionalInt.empty() : OptionalInt.of(binOfRank(rank));
    }

    private static long rankOf(double percentile, long n) {
        return Math.max(1, (long) Math.ceil(percentile / 100 * n));
    }

    private int binOfRank(long rank) {
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            if (cumulative >= rank) {
                return i;
            }
        }
        return counts.length - 1;
    }

    /** The smallest idle time {@code index} holds. */
    Duration lowerEdge(int index) {
        return bin.multipliedBy(index);
    }

    /** The first idle time past bin {@code index}. */
    Duration upperEdge(int index) {
        return bin.multipliedBy(index + 1L);
    }

    /**
     * The coefficient of variation (population standard deviation over mean) of the counts of all bins, empty ones
     * included; zero when nothing is in range. Counts spread evenly over {@code k} of {@code B} bins give
     * {@code sqrt(B / k - 1)}, so with 240 bins a CV below 2 means more than 48 equally busy minutes.
     */
    double coefficientOfVariation() {
        if (inRange == 0) {
            return 0;
        }
        double mean = (double) inRange / counts.length;
        double squares = 0;
        for (long count : counts) {
            double deviation = count - mean;
            squares += deviation * deviation;
        }
        return Math.sqrt(squares / counts.length) / mean;
    }
}
