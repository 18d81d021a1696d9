package dev.kumo.bench;

import java.util.Locale;

/** The target a measurement is judged against; benchmarks without a stated goal use {@link None}. */
sealed interface Goal {

    /** No goal: the number is reported, not judged. */
    record None() implements Goal {
    }

    /** Kumo / baseline must be at least {@code min} (for throughput, higher is better). */
    record RatioAtLeast(double min) implements Goal {
    }

    /** Kumo / baseline must be at most {@code max} (for latency, lower is better). */
    record RatioAtMost(double max) implements Goal {
    }

    /** Kumo / baseline must be within {@code 1 ± tolerance} (agreement with a model, e.g. 0.10 for 10%). */
    record RatioWithin(double tolerance) implements Goal {
    }

    /** Kumo's own number must be at most {@code max}, in the measurement's unit. */
    record KumoAtMost(double max) implements Goal {
    }

    /** Human-readable goal, e.g. {@code ratio >= 0.60}. */
    default String describe() {
        return switch (this) {
            case None n -> "";
            case RatioAtLeast g -> String.format(Locale.ROOT, "ratio >= %.2f", g.min());
            case RatioAtMost g -> String.format(Locale.ROOT, "ratio <= %.2f", g.max());
            case RatioWithin g -> String.format(Locale.ROOT, "ratio 1±%.2f", g.tolerance());
            case KumoAtMost g -> String.format(Locale.ROOT, "kumo <= %s", Measurement.format(g.max()));
        };
    }

    /** Judges a measurement; NaN inputs give {@link Verdict#NO_DATA}. */
    default Verdict judge(Measurement m) {
        return switch (this) {
            case None n -> Verdict.NONE;
            case RatioAtLeast g -> compare(m.ratio(), v -> v >= g.min());
            case RatioAtMost g -> compare(m.ratio(), v -> v <= g.max());
            case RatioWithin g -> compare(m.ratio(), v -> Math.abs(v - 1) <= g.tolerance());
            case KumoAtMost g -> compare(m.kumo(), v -> v <= g.max());
        };
    }

    private static Verdict compare(double value, java.util.function.DoublePredicate ok) {
        if (Double.isNaN(value)) {
            return Verdict.NO_DATA;
        }
        return ok.test(value) ? Verdict.PASS : Verdict.FAIL;
    }

    /** Outcome of judging a measurement. */
    enum Verdict { PASS, FAIL, NO_DATA, NONE }
}
