package dev.kumo.policies;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The knobs of {@link HybridHistogramKeepAlive}; {@link #defaults()} are those of Shahrad et al. (ATC'20) where the
 * paper gives them. As a spec argument they are written {@code key=value} pairs separated by semicolons or commas,
 * any subset in any order, e.g. {@code hybrid-histogram:range=2h;tail=99.5} ({@link #toSpec} writes semicolons,
 * which survive a comma-separated list such as the simulator's {@code --policy}):
 *
 * <ul>
 *   <li>{@code bin} (1m) and {@code range} (4h): the histogram's bin width and span, a {@link DurationSpec};
 *       {@code range} must be a whole number of bins, at most 100,000. Idle times of {@code range} or more are
 *       out of bounds.
 *   <li>{@code head} (5) and {@code tail} (99): the percentiles that set the pre-warm point and the window's end.
 *   <li>{@code margin} (0.1): pre-warm is cut and the end stretched by this fraction.
 *   <li>{@code min} (10): fewer idle times than this and the histogram is not trusted yet.
 *   <li>{@code cv} (2): bin counts with a smaller coefficient of variation are too flat to predict from.
 *   <li>{@code oob} (0.5): more than this fraction of idle times out of bounds switches to the forecast.
 *   <li>{@code history} (64): how many recent idle times the forecaster fits (memory per app is fixed by it).
 *   <li>{@code fallback} ({@code range}): the window while too few idle times were seen or the histogram is flat,
 *       {@code range} (the paper's) or {@code observed} (Kumo's), see {@link Fallback}.
 * </ul>
 *
 * @param bin            histogram bin width
 * @param range          histogram span; idle times at or past it are out of bounds
 * @param headPercentile percentile (0-100) whose bin's lower edge, less the margin, is the pre-warm point
 * @param tailPercentile percentile (0-100) whose bin's upper edge, plus the margin, ends the window
 * @param margin         fraction (0 to below 1) taken off the head and added to the tail
 * @param minObservations idle times needed before the histogram or the forecast is used
 * @param cvThreshold    least coefficient of variation of the bin counts for the histogram to be representative
 * @param oobFraction    fraction (0-1) of out-of-bound idle times above which the forecast is used
 * @param history        idle times kept for the forecaster, at least 2
 * @param fallback       the window of an app still learning or with a flat histogram
 */
public record HybridHistogramParameters(
        Duration bin,
        Duration range,
        double headPercentile,
        double tailPercentile,
        double margin,
        int minObservations,
        double cvThreshold,
        double oobFraction,
        int history,
        Fallback fallback) {

    /** The window of an app whose histogram is not trusted yet (too few idle times) or is too flat. */
    public enum Fallback {
        /** The paper's standard policy: no pre-warm, keep alive for the whole {@code range}. */
        RANGE,
        /**
         * Kumo's, from what was observed so far. Too few idle times: pre-warm at the head cut-off as the histogram
         * rule does, and keep alive until twice the longest idle time seen, at most the range. Flat: no pre-warm
         * (the head is unpredictable) and keep alive until the tail cut-off, at most the range. The whole range
         * while no idle time within it was seen.
         */
        OBSERVED
    }

    private static final HybridHistogramParameters DEFAULTS = new HybridHistogramParameters(
            Duration.ofMinutes(1), Duration.ofHours(4), 5, 99, 0.1, 10, 2, 0.5, 64, Fallback.OBSERVED);
    private static final long MAX_BINS = 100_000;

    /** Rejects values that make no histogram or no percentile. */
    public HybridHistogramParameters {
        require(!bin.isNegative() && !bin.isZero(), "bin must be positive");
        require(!range.isNegative() && !range.isZero(), "range must be positive");
        require(range.compareTo(Duration.ofDays(366)) <= 0, "range must be at most 366d");
        require(bin.compareTo(range) <= 0, "bin must not exceed range");
        require(range.toNanos() % bin.toNanos() == 0, "range must be a whole number of bins");
        require(range.toNanos() / bin.toNanos() <= MAX_BINS, "range holds more than " + MAX_BINS + " bins");
        require(0 <= headPercentile && headPercentile <= tailPercentile && tailPercentile <= 100,
                "need 0 <= head <= tail <= 100");
        require(0 <= margin && margin < 1, "margin must be in [0, 1)");
        require(minObservations >= 1, "min must be at least 1");
        require(cvThreshold >= 0 && Double.isFinite(cvThreshold), "cv must be a non-negative number");
        require(0 <= oobFraction && oobFraction <= 1, "oob must be in [0, 1]");
        require(history >= 2 && history <= 10_000, "history must be in [2, 10000]");
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * The paper's parameters (1-minute bins over 4 hours, 5th/99th percentiles, 10% margin) with Kumo's
     * {@link Fallback#OBSERVED} fallback for apps still learning, which wastes less memory on rarely invoked
     * apps (ADR 0007). The paper's policy exactly is {@link #paper()}, the spec {@code fallback=range}.
     */
    public static HybridHistogramParameters defaults() {
        return DEFAULTS;
    }

    /** The paper's policy exactly: the defaults with the whole range as the standard keep-alive. */
    public static HybridHistogramParameters paper() {
        return DEFAULTS.withFallback(Fallback.RANGE);
    }

    /** These parameters with {@code fallback} instead. */
    public HybridHistogramParameters withFallback(Fallback fallback) {
        return new HybridHistogramParameters(bin, range, headPercentile, tailPercentile, margin, minObservations,
                cvThreshold, oobFraction, history, fallback);
    }

    /**
     * Reads {@code key=value} pairs separated by {@code ;} or {@code ,} on top of {@link #defaults()}; blank text gives the defaults.
     *
     * @throws IllegalArgumentException for an unknown key, a repeated key, a bad value or an invalid combination
     */
    public static HybridHistogramParameters parse(String text) {
        var values = new LinkedHashMap<String, String>(DEFAULTS.asMap());
        var seen = new HashSet<String>();
        if (!text.isBlank()) {
            for (var pair : text.split("[,;]", -1)) {
                int eq = pair.indexOf('=');
                var key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
                if (eq < 0 || !values.containsKey(key)) {
                    throw new IllegalArgumentException("expected key=value with a key among " + values.keySet()
                            + ", got '" + pair.strip() + "'");
                }
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("key '" + key + "' given twice");
                }
                values.put(key, pair.substring(eq + 1).strip());
            }
        }
        return new HybridHistogramParameters(
                DurationSpec.parse(values.get("bin")),
                DurationSpec.parse(values.get("range")),
                number(values, "head"),
                number(values, "tail"),
                number(values, "margin"),
                (int) whole(values, "min"),
                number(values, "cv"),
                number(values, "oob"),
                (int) whole(values, "history"),
                fallback(values.get("fallback")));
    }

    /** The number of bins, {@code range / bin}. */
    public int bins() {
        return (int) (range.toNanos() / bin.toNanos());
    }

    /** The argument that {@link #parse} reads back into these parameters; empty for the defaults. */
    public String toSpec() {
        var joiner = new StringJoiner(";");
        var defaults = DEFAULTS.asMap();
        asMap().forEach((key, value) -> {
            if (!value.equals(defaults.get(key))) {
                joiner.add(key + "=" + value);
            }
        });
        return joiner.toString();
    }

    private Map<String, String> asMap() {
        var map = new LinkedHashMap<String, String>();
        map.put("bin", DurationSpec.format(bin));
        map.put("range", DurationSpec.format(range));
        map.put("head", plain(headPercentile));
        map.put("tail", plain(tailPercentile));
        map.put("margin", plain(margin));
        map.put("min", Integer.toString(minObservations));
        map.put("cv", plain(cvThreshold));
        map.put("oob", plain(oobFraction));
        map.put("history", Integer.toString(history));
        map.put("fallback", fallback.name().toLowerCase(Locale.ROOT));
        return map;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static Fallback fallback(String value) {
        return Arrays.stream(Fallback.values())
                .filter(f -> f.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("fallback must be range or observed, got '" + value + "'"));
    }

    private static double number(Map<String, String> values, String key) {
        try {
            var value = Double.parseDouble(values.get(key));
            if (!Double.isFinite(value)) {
                throw new NumberFormatException("not finite");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + values.get(key) + "'", e);
        }
    }

    private static long whole(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + values.get(key) + "'", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
