package dev.kumo.bench;

import dev.kumo.policies.DurationSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Runs trace time {@code factor} times faster on the wall clock: one trace minute is {@code 60 / factor} wall
 * seconds. Everything with a time unit is divided by the same factor (invocation starts and durations, keep-alive
 * windows, histogram bins), so a compressed run is the same schedule played faster; memory-time measured on the
 * wall clock is multiplied back by the factor.
 *
 * @param factor how many trace milliseconds pass per wall millisecond, at least 1
 */
record TimeCompression(double factor) {

    private static final Duration HISTOGRAM_BIN = Duration.ofMinutes(1);
    private static final Duration HISTOGRAM_RANGE = Duration.ofHours(4);

    /** Rejects factors below 1 (that would stretch time) and non-numbers. */
    TimeCompression {
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("compression factor must be at least 1, got " + factor);
        }
    }

    /** The wall-clock milliseconds of {@code traceMs} trace milliseconds. */
    double wallMs(long traceMs) {
        return traceMs / factor;
    }

    /** Trace GB-seconds of a memory-time integral measured in MB x wall milliseconds (GB = 1024 MB). */
    double traceGbS(double mbWallMs) {
        return mbWallMs * factor / 1000.0 / 1024.0;
    }

    /** A trace duration on the wall clock, rounded to whole milliseconds (policy specs hold milliseconds). */
    Duration wall(Duration trace) {
        return Duration.ofMillis(Math.round(trace.toNanos() / factor / 1e6));
    }

    /**
     * The keep-alive spec the server must run so that it behaves like {@code spec} on trace time. Knows
     * {@code fixed[:D]} (D divided) and {@code hybrid-histogram[:k=v,...]} (bin and range divided, the range kept
     * a whole number of bins; percentiles and counts unchanged).
     *
     * @throws IllegalArgumentException for another policy, or a window that compresses below 1 ms
     */
    String policySpec(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1).strip();
        return switch (name) {
            case "fixed" -> "fixed:" + format(wall(argument.isEmpty() ? Duration.ofMinutes(10)
                    : DurationSpec.parse(argument)));
            case "hybrid-histogram" -> "hybrid-histogram:" + histogram(argument);
            default -> throw new IllegalArgumentException("cannot compress keep-alive policy '" + spec
                    + "': only fixed and hybrid-histogram are known");
        };
    }

    private String histogram(String argument) {
        var params = new LinkedHashMap<String, String>();
        for (String pair : argument.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("hybrid-histogram argument '" + pair + "' is not key=value");
            }
            params.put(pair.substring(0, eq).strip().toLowerCase(Locale.ROOT), pair.substring(eq + 1).strip());
        }
        Duration bin = params.containsKey("bin") ? DurationSpec.parse(params.get("bin")) : HISTOGRAM_BIN;
        Duration range = params.containsKey("range") ? DurationSpec.parse(params.get("range")) : HISTOGRAM_RANGE;
        long bins = range.toNanos() / bin.toNanos();
        Duration wallBin = wall(bin);
        params.put("bin", format(wallBin));
        params.put("range", format(wallBin.multipliedBy(bins)));
        var joined = new StringJoiner(",");
        params.forEach((k, v) -> joined.add(k + "=" + v));
        return joined.toString();
    }

    private static String format(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("a window compresses to under 1 ms; use a smaller factor");
        }
        return DurationSpec.format(d);
    }
}
