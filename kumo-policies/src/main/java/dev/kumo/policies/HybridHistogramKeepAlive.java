package dev.kumo.policies;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hybrid-histogram policy of Shahrad et al., "Serverless in the Wild" (USENIX ATC'20). Per application it
 * learns the idle times between the end of one invocation and the start of the next, and answers:
 *
 * <ul>
 *   <li>{@link Basis#TOO_FEW} or {@link Basis#FLAT}, when fewer than {@code min} idle times were seen or the
 *       histogram's bin counts have a coefficient of variation below {@code cv}: the standard policy, no pre-warm
 *       and a keep-alive of the whole histogram range (4 hours); with
 *       {@link HybridHistogramParameters.Fallback#OBSERVED} (Kumo's) a window from the idle times seen so far.
 *   <li>{@link Basis#FORECAST}, when more than {@code oob} of the idle times fell past the range: a forecast
 *       {@code f} of the next idle time ({@link IdleTimeForecaster}, standing in for ARIMA) gives the paper's
 *       window {@code [0.85 f, 1.15 f]}, i.e. pre-warm {@code 0.85 f} and keep-alive {@code 0.3 f}.
 *   <li>{@link Basis#HISTOGRAM} otherwise: pre-warm at the head percentile's bin lower edge less the margin,
 *       rounded down to whole bins; the window ends at the tail percentile's bin upper edge plus the margin,
 *       rounded up to whole bins. By default that is {@code 0.9 x p5} to {@code 1.1 x p99} in whole minutes.
 * </ul>
 *
 * <p>The paper's keep-alive window spans from the pre-warm point to the tail cut-off, measured from the end of the
 * last invocation, so here {@link KeepAliveWindow#keepAlive()} is that end minus {@link KeepAliveWindow#prewarm()}:
 * an app invoked every 10 minutes for 2 seconds (idle 9m58s, bin {@code [9m, 10m)}) is loaded again 8 minutes
 * after its last invocation ended and unloaded after 11.
 *
 * <p>Thread-safe: state is per app in a {@link ConcurrentHashMap}, each app's updates under its own lock, and the
 * window is cached until the next idle time arrives. Memory per app is fixed (bins plus forecaster history).
 * Invocations that start before the app's latest end (overlaps, late reports) add no idle time. Windows depend
 * only on observations, never on {@code now} or the clock.
 */
public final class HybridHistogramKeepAlive implements KeepAlivePolicy {

    /** Which rule produced an app's window. */
    public enum Basis {
        /** Too few idle times yet: standard keep-alive. */
        TOO_FEW,
        /** Idle times too evenly spread to predict: standard keep-alive. */
        FLAT,
        /** Mostly out-of-bound idle times: time-series forecast. */
        FORECAST,
        /** A representative histogram: pre-warm and keep-alive from its percentiles. */
        HISTOGRAM
    }

    static final double FORECAST_PREWARM = 0.85;
    static final double FORECAST_KEEP_ALIVE = 0.3;
    /** How far past the longest idle time seen a learning app is kept: the forecaster's clamp, 2x. */
    static final double LEARNING_STRETCH = 2;
    private static final double EPSILON = 1e-9;

    private final HybridHistogramParameters parameters;
    private final KeepAliveWindow standard;
    private final ConcurrentHashMap<String, AppHistory> apps = new ConcurrentHashMap<>();

    private HybridHistogramKeepAlive(HybridHistogramParameters parameters) {
        this.parameters = parameters;
        this.standard = KeepAliveWindow.keepFor(parameters.range());
    }

    /** A policy with the given parameters and no observations. */
    public static HybridHistogramKeepAlive of(HybridHistogramParameters parameters) {
        return new HybridHistogramKeepAlive(parameters);
    }

    /** A policy with the paper's parameters ({@link HybridHistogramParameters#defaults()}). */
    public static HybridHistogramKeepAlive ofDefaults() {
        return of(HybridHistogramParameters.defaults());
    }

    /** The parameters this policy runs with. */
    public HybridHistogramParameters parameters() {
        return parameters;
    }

    @Override
    public void recordInvocation(String app, Instant start, Instant end) {
        apps.computeIfAbsent(app, key -> new AppHistory(parameters)).record(start, end);
    }

    @Override
    public KeepAliveWindow window(String app, Instant now) {
        var history = apps.get(app);
        return history == null ? standard : history.window(this);
    }

    /** Which rule currently sets {@code app}'s window; {@link Basis#TOO_FEW} for an app never observed. */
    public Basis basis(String app) {
        return Optional.ofNullable(apps.get(app)).map(history -> history.basis(this)).orElse(Basis.TOO_FEW);
    }

    /** The spec that creates this policy, e.g. {@code hybrid-histogram} or {@code hybrid-histogram:range=2h}. */
    @Override
    public String toString() {
        var spec = parameters.toSpec();
        return HybridHistogramKeepAliveProvider.NAME + (spec.isEmpty() ? "" : ":" + spec);
    }

    private Basis classify(IdleTimeHistogram histogram) {
        if (histogram.total() < parameters.minObservations()) {
            return Basis.TOO_FEW;
        }
        if (histogram.outOfBounds() > parameters.oobFraction() * histogram.total()) {
            return Basis.FORECAST;
        }
        if (histogram.inRange() == 0 || histogram.coefficientOfVariation() < parameters.cvThreshold()) {
            return Basis.FLAT;
        }
        return Basis.HISTOGRAM;
    }

    private KeepAliveWindow compute(Basis basis, IdleTimeHistogram histogram, IdleTimeForecaster forecaster) {
        return switch (basis) {
            case TOO_FEW -> switch (parameters.fallback()) {
                case RANGE -> standard;
                case OBSERVED -> learning(histogram);
            };
            case FLAT -> switch (parameters.fallback()) {
                case RANGE -> standard;
                case OBSERVED -> {
                    var tail = histogram.binOfAll(parameters.tailPercentile());
                    yield tail.isEmpty() ? standard : KeepAliveWindow.keepFor(min(windowEnd(tail.getAsInt()), range()));
                }
            };
            case FORECAST -> {
                long nanos = forecaster.forecast().toNanos();
                yield new KeepAliveWindow(Duration.ofNanos(Math.round(nanos * FORECAST_PREWARM)),
                        Duration.ofNanos(Math.round(nanos * FORECAST_KEEP_ALIVE)));
            }
            case HISTOGRAM -> {
                int head = histogram.binOf(parameters.headPercentile());
                int tail = histogram.binOf(parameters.tailPercentile());
                var prewarm = prewarmPoint(head);
                yield new KeepAliveWindow(prewarm, windowEnd(tail).minus(prewarm));
            }
        };
    }

    /**
     * While learning: pre-warm at the head cut-off as the histogram rule would (with fewer than 20 idle times the
     * 5th percentile is the shortest seen), but end at {@link #LEARNING_STRETCH} times the tail bin's upper edge (the
     * longest idle time seen, below 100 observations), at most the range, since a few idle times say little about
     * the longest to come. The whole range while nothing in range was seen.
     */
    private KeepAliveWindow learning(IdleTimeHistogram histogram) {
        var tail = histogram.binOfAll(parameters.tailPercentile());
        if (histogram.inRange() == 0) {
            return standard;
        }
        var prewarm = prewarmPoint(histogram.binOf(parameters.headPercentile()));
        var end = tail.isEmpty() ? range()
                : min(parameters.bin().multipliedBy((long) Math.ceil(LEARNING_STRETCH * (tail.getAsInt() + 1L))), range());
        return new KeepAliveWindow(prewarm, end.minus(prewarm));
    }

    /** Bin {@code head}'s lower edge less the margin, rounded down to whole bins. */
    private Duration prewarmPoint(int head) {
        // EPSILON keeps 10 x 0.9 at 9 rather than 8.999... floored to 8.
        return parameters.bin().multipliedBy((long) Math.floor(head * (1 - parameters.margin()) + EPSILON));
    }

    /** The tail cut-off: bin {@code tail}'s upper edge plus the margin, rounded up to whole bins. */
    private Duration windowEnd(int tail) {
        return parameters.bin().multipliedBy((long) Math.ceil((tail + 1L) * (1 + parameters.margin()) - EPSILON));
    }

    private Duration range() {
        return parameters.range();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One app's observations; every method holds the app's lock. */
    private static final class AppHistory {
        private final IdleTimeHistogram histogram;
        private final IdleTimeForecaster forecaster;
        private Instant lastEnd;
        private Basis basis;
        private KeepAliveWindow window;

        AppHistory(HybridHistogramParameters parameters) {
            this.histogram = new IdleTimeHistogram(parameters.bin(), parameters.bins());
            this.forecaster = new IdleTimeForecaster(parameters.history());
        }

        synchronized void record(Instant start, Instant end) {
            var latest = end.isBefore(start) ? start : end;
            if (lastEnd != null && !start.isBefore(lastEnd)) {
                var idle = Duration.between(lastEnd, start);
                histogram.add(idle);
                forecaster.add(idle);
                window = null;
            }
            if (lastEnd == null || latest.isAfter(lastEnd)) {
                lastEnd = latest;
            }
        }

        synchronized Basis basis(HybridHistogramKeepAlive policy) {
            window(policy);
            return basis;
        }

        synchronized KeepAliveWindow window(HybridHistogramKeepAlive policy) {
            if (window == null) {
                basis = policy.classify(histogram);
                window = policy.compute(basis, histogram, forecaster);
            }
            return window;
        }
    }
}
