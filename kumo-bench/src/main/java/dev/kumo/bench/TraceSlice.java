package dev.kumo.bench;

import dev.kumo.sim.trace.InvocationListTrace;
import dev.kumo.sim.trace.Trace;
import dev.kumo.sim.trace.TraceApp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The part of a trace a twin run replays: a few applications over a window, their invocations with start times
 * relative to the window's start, and app memory clamped to what a Kumo function may configure, so that the server
 * and the simulator see exactly the same apps, memory and invocation times.
 *
 * @param apps       the chosen applications, memory clamped to {@value #MIN_MEMORY_MB}..{@value #MAX_MEMORY_MB} MB
 *                   and rounded to whole MB
 * @param app        per invocation, its index in {@code apps}
 * @param startMs    per invocation, trace milliseconds since the window's start, ascending
 * @param durationMs per invocation, the traced duration in milliseconds
 */
record TraceSlice(List<TraceApp> apps, int[] app, long[] startMs, long[] durationMs) {

    static final int MIN_MEMORY_MB = 128;
    static final int MAX_MEMORY_MB = 10_240;
    private static final long MINUTE_MS = 60_000;

    /**
     * How to cut a slice.
     *
     * @param fromMinute     first trace minute of the window
     * @param minutes        window length in trace minutes
     * @param maxApps        how many applications to keep: the busiest that pass {@code maxWallRate}
     * @param maxWallRate    apps averaging more invocations per wall second than this (after compression) are
     *                       skipped, so that a small machine can replay the slice on time
     * @param compression    the time compression of the replay
     */
    record Selection(long fromMinute, int minutes, int maxApps, double maxWallRate, TimeCompression compression) {

        /** Rejects empty windows and selections. */
        Selection {
            if (minutes < 1 || maxApps < 1 || !(maxWallRate > 0)) {
                throw new IllegalArgumentException("a slice needs minutes, apps and a rate above zero");
            }
        }

        /** The cap on an app's invocations in the window that {@code maxWallRate} implies. */
        long maxInvocations() {
            double wallSeconds = compressionWallSeconds();
            return (long) Math.floor(maxWallRate * wallSeconds);
        }

        private double compressionWallSeconds() {
            return compression.wallMs(minutes * MINUTE_MS) / 1000.0;
        }
    }

    /** Checks the arrays line up and copies them. */
    TraceSlice {
        apps = List.copyOf(apps);
        if (app.length != startMs.length || app.length != durationMs.length) {
            throw new IllegalArgumentException("arrays differ in length");
        }
        app = app.clone();
        startMs = startMs.clone();
        durationMs = durationMs.clone();
    }

    /**
     * Cuts a slice from {@code trace} replayed with {@code seed}: counts each app's invocations that start in the
     * window, drops apps over the rate cap, keeps the {@code maxApps} busiest (ties by trace order) in trace order.
     */
    static TraceSlice select(Trace trace, long seed, Selection selection) {
        long from = selection.fromMinute() * MINUTE_MS;
        long to = from + selection.minutes() * MINUTE_MS;
        int appCount = trace.apps().size();
        long[] counts = new long[appCount];
        record Invocation(int app, long startMs, long durationMs) {
        }
        var inWindow = new ArrayList<Invocation>();
        trace.replay(seed, (app, start, duration) -> {
            if (start >= from && start < to) {
                counts[app]++;
                inWindow.add(new Invocation(app, start - from, duration));
            }
        });
        long cap = selection.maxInvocations();
        int[] chosen = IntStream.range(0, appCount)
                .filter(a -> counts[a] > 0 && counts[a] <= cap)
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(a -> counts[a]).reversed().thenComparing(a -> a))
                .limit(selection.maxApps())
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        int[] index = new int[appCount];
        java.util.Arrays.fill(index, -1);
        var apps = new ArrayList<TraceApp>();
        for (int a : chosen) {
            index[a] = apps.size();
            TraceApp source = trace.apps().get(a);
            apps.add(new TraceApp(source.name(), clampMemory(source.memoryMb())));
        }
        var kept = inWindow.stream().filter(i -> index[i.app()] >= 0).toList();
        return new TraceSlice(apps, kept.stream().mapToInt(i -> index[i.app()]).toArray(),
                kept.stream().mapToLong(Invocation::startMs).toArray(),
                kept.stream().mapToLong(Invocation::durationMs).toArray());
    }

    /** Memory as a Kumo function can configure it: whole MB within the platform's bounds. */
    static int clampMemory(double memoryMb) {
        return (int) Math.clamp(Math.round(memoryMb), MIN_MEMORY_MB, MAX_MEMORY_MB);
    }

    /** How many invocations the slice has. */
    int size() {
        return app.length;
    }

    /** Where memory accounting stops, in trace ms: the end of the last invocation (as the simulator does). */
    long horizonMs() {
        long end = 0;
        for (int i = 0; i < app.length; i++) {
            end = Math.max(end, startMs[i] + durationMs[i]);
        }
        return end;
    }

    /** The slice as a simulator trace. */
    Trace trace() {
        return InvocationListTrace.of(apps, app, startMs, durationMs);
    }

    /**
     * GB-seconds (trace time) during which each app ran at least one invocation, with its (clamped) memory: the
     * busy part of loaded memory-time, which the simulator leaves out of its wasted memory.
     */
    double busyGbS() {
        double total = 0;
        for (int a = 0; a < apps.size(); a++) {
            long busyMs = 0;
            long runStart = -1;
            long runEnd = -1;
            for (int i = 0; i < app.length; i++) {
                if (app[i] != a) {
                    continue;
                }
                long s = startMs[i];
                long e = s + durationMs[i];
                if (s > runEnd) {
                    busyMs += runEnd - runStart;
                    runStart = s;
                    runEnd = e;
                } else {
                    runEnd = Math.max(runEnd, e);
                }
            }
            busyMs += runEnd - runStart;
            total += busyMs / 1000.0 * apps.get(a).memoryMb() / 1024.0;
        }
        return total;
    }
}
