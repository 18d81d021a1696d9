package dev.kumo.sim.trace;

import java.util.Arrays;
import java.util.List;

/**
 * A trace of individually timed invocations (the 2021 format, or a hand-written golden trace). The seed is unused:
 * every start time is given.
 */
public final class InvocationListTrace implements Trace {

    private final List<TraceApp> apps;
    private final int[] app;
    private final long[] start;
    private final long[] duration;
    private final long endMs;

    private InvocationListTrace(List<TraceApp> apps, int[] app, long[] start, long[] duration) {
        this.apps = List.copyOf(apps);
        var order = new Integer[app.length];
        Arrays.setAll(order, i -> i);
        // Stable sort keeps file order for ties, so replays are deterministic.
        Arrays.sort(order, (a, b) -> Long.compare(start[a], start[b]));
        this.app = new int[app.length];
        this.start = new long[app.length];
        this.duration = new long[app.length];
        long end = 0;
        for (int i = 0; i < order.length; i++) {
            int from = order[i];
            if (app[from] < 0 || app[from] >= apps.size()) {
                throw new IllegalArgumentException("invocation " + from + " names app " + app[from]);
            }
            this.app[i] = app[from];
            this.start[i] = start[from];
            this.duration[i] = duration[from];
            end = Math.max(end, start[from] + duration[from]);
        }
        this.endMs = end;
    }

    /**
     * A trace of the given invocations: {@code app[i]} started at {@code startMs[i]} and ran {@code durationMs[i]}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a duration is negative or an app is unknown
     */
    public static InvocationListTrace of(List<TraceApp> apps, int[] app, long[] startMs, long[] durationMs) {
        if (app.length != startMs.length || app.length != durationMs.length) {
            throw new IllegalArgumentException("arrays differ in length");
        }
        for (long d : durationMs) {
            if (d < 0) {
                throw new IllegalArgumentException("negative duration " + d);
            }
        }
        return new InvocationListTrace(apps, app.clone(), startMs.clone(), durationMs.clone());
    }

    @Override
    public List<TraceApp> apps() {
        return apps;
    }

    @Override
    public long invocationCount() {
        return app.length;
    }

    @Override
    public long endMs() {
        return endMs;
    }

    @Override
    public void replay(long seed, InvocationSink sink) {
        for (int i = 0; i < app.length; i++) {
            sink.accept(app[i], start[i], duration[i]);
        }
    }
}
