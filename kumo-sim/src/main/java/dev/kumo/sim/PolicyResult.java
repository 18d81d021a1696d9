package dev.kumo.sim;

import java.util.List;

/**
 * What simulating one policy over a trace gave.
 *
 * @param policy             the policy spec, e.g. {@code fixed:10m}
 * @param apps               applications with at least one invocation
 * @param invocations        invocations replayed
 * @param coldStarts         invocations that found their app not loaded
 * @param warmStarts         invocations that found their app loaded by keep-alive (or by a running invocation)
 * @param prewarmedStarts    first invocations served by an instance loaded by a pre-warm
 * @param prewarms           instances loaded ahead of time by a pre-warm
 * @param wastedMemoryGbS    GB-seconds (GB = 1024 MB) during which an app was loaded but executing nothing
 * @param appColdStartPct    each app's cold-start percentage, ascending
 */
public record PolicyResult(String policy, long apps, long invocations, long coldStarts, long warmStarts,
        long prewarmedStarts, long prewarms, double wastedMemoryGbS, List<Double> appColdStartPct) {

    /** Checks that the starts add up and copies the distribution. */
    public PolicyResult {
        if (coldStarts + warmStarts + prewarmedStarts != invocations) {
            throw new IllegalArgumentException("starts do not add up to invocations for " + policy);
        }
        appColdStartPct = List.copyOf(appColdStartPct);
    }

    /** The median application's cold-start percentage. */
    public double coldStartPctMedian() {
        return Quantiles.of(appColdStartPct, 0.5);
    }

    /** The 75th-percentile application's cold-start percentage (the paper's headline number). */
    public double coldStartPctP75() {
        return Quantiles.of(appColdStartPct, 0.75);
    }
}
