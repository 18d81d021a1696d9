package dev.kumo.sim.trace;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trace of per-minute invocation counts per function (the 2019 format), stored minute-major and sparse. A replay
 * spreads a function's N invocations of a minute uniformly at random within that minute, as the paper's simulator
 * does, from a random stream derived from (seed, function, minute) alone, so the placement of one function never
 * depends on the others or on the policy being simulated.
 */
public final class MinuteCountTrace implements Trace {

    private static final long MINUTE_MS = 60_000;

    private final List<TraceApp> apps;
    private final int[] functionApp;
    private final long[] functionDurationMs;
    private final long[] minutes;
    private final int[] minuteOffsets;
    private final int[] entryFunction;
    private final int[] entryCount;
    private final long invocations;

    /**
     * The trace; entries of minute {@code minutes[k]} are {@code minuteOffsets[k]} up to {@code minuteOffsets[k + 1]}
     * in {@code entryFunction}/{@code entryCount}; {@code minutes} ascend. Arrays are taken, not copied.
     */
    MinuteCountTrace(List<TraceApp> apps, int[] functionApp, long[] functionDurationMs, long[] minutes,
            int[] minuteOffsets, int[] entryFunction, int[] entryCount) {
        this.apps = List.copyOf(apps);
        this.functionApp = functionApp;
        this.functionDurationMs = functionDurationMs;
        this.minutes = minutes;
        this.minuteOffsets = minuteOffsets;
        this.entryFunction = entryFunction;
        this.entryCount = entryCount;
        this.invocations = Arrays.stream(entryCount).asLongStream().sum();
    }

    @Override
    public List<TraceApp> apps() {
        return apps;
    }

    @Override
    public long invocationCount() {
        return invocations;
    }

    /** How many functions the trace has. */
    public int functionCount() {
        return functionApp.length;
    }

    @Override
    public long endMs() {
        return minutes.length == 0 ? 0 : (minutes[minutes.length - 1] + 1) * MINUTE_MS;
    }

    @Override
    public void replay(long seed, InvocationSink sink) {
        long[] batch = new long[1024];
        for (int k = 0; k < minutes.length; k++) {
            long minuteStart = minutes[k] * MINUTE_MS;
            int size = 0;
            for (int e = minuteOffsets[k]; e < minuteOffsets[k + 1]; e++) {
                int function = entryFunction[e];
                var random = new SplittableRandom(mix(seed, function, minutes[k]));
                for (int n = 0; n < entryCount[e]; n++) {
                    if (size == batch.length) {
                        batch = Arrays.copyOf(batch, size * 2);
                    }
                    // Offset in ms (< 2^16) in the high bits, function (< 2^32) low: sorting orders by time, then id.
                    batch[size++] = (random.nextLong(MINUTE_MS) << 32) | function;
                }
            }
            Arrays.sort(batch, 0, size);
            for (int i = 0; i < size; i++) {
                int function = (int) batch[i];
                sink.accept(functionApp[function], minuteStart + (batch[i] >>> 32), functionDurationMs[function]);
            }
        }
    }

    private static long mix(long seed, int function, long minute) {
        long h = seed * 0x9E3779B97F4A7C15L + function;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + minute;
        return h ^ (h >>> 29);
    }
}
