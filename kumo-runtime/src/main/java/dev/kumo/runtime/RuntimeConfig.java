package dev.kumo.runtime;

import java.time.Duration;

/**
 * Node-level settings of the function runtime. Start from {@link #defaults()} and change fields with the
 * {@code with*} methods.
 *
 * @param memoryBudgetMb  the sum of {@code memoryMb} of all live instances may not exceed this; idle
 *                        instances are evicted (least recently used first) to make room
 * @param maxInFlight     invocations running at once on the node; more are rejected at once (HTTP 429)
 * @param timeoutGrace    how long a timed-out invocation may take to stop after its interrupt before its
 *                        instance is discarded
 * @param maxLogLines     log lines kept per activation
 * @param maxLogBytes     log bytes kept per activation
 * @param retryAfter      the {@code Retry-After} advised with a rejection
 * @param reaperInterval  how often idle instances are checked against their keep-alive window; zero turns
 *                        the background reaper off (tests drive expiry themselves)
 * @param maxCallDepth    how deep calls between functions may nest ({@code ctx.invoke} from a function called
 *                        by {@code ctx.invoke}...); a deeper call is refused at once
 * @param maxFanOut       calls to other functions one activation may have in flight at once; more are
 *                        refused at once
 */
public record RuntimeConfig(int memoryBudgetMb, int maxInFlight, Duration timeoutGrace, int maxLogLines,
                            int maxLogBytes, Duration retryAfter, Duration reaperInterval, int maxCallDepth,
                            int maxFanOut) {

    /** Default node memory budget: 4 GiB of function instances. */
    public static final int DEFAULT_MEMORY_BUDGET_MB = 4_096;
    /**
     * Default node in-flight limit. 256 is 128 per core on the 2-core reference machine: plenty for
     * functions that mostly wait (I/O, sleep, calling other functions), while CPU-bound overload meets a
     * fast 429 instead of every caller's latency growing without bound. Raise it on bigger nodes.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    /** Default bound on nested calls between functions. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 16;
    /** Default bound on one activation's calls in flight at once. */
    public static final int DEFAULT_MAX_FAN_OUT = 64;

    /** Validates the values. */
    public RuntimeConfig {
        require(memoryBudgetMb > 0, "memoryBudgetMb must be positive, got " + memoryBudgetMb);
        require(maxInFlight > 0, "maxInFlight must be positive, got " + maxInFlight);
        require(timeoutGrace != null && !timeoutGrace.isNegative(), "timeoutGrace must not be negative");
        require(maxLogLines > 0, "maxLogLines must be positive, got " + maxLogLines);
        require(maxLogBytes > 0, "maxLogBytes must be positive, got " + maxLogBytes);
        require(retryAfter != null && !retryAfter.isNegative(), "retryAfter must not be negative");
        require(reaperInterval != null && !reaperInterval.isNegative(), "reaperInterval must not be negative");
        require(maxCallDepth >= 0, "maxCallDepth must not be negative, got " + maxCallDepth);
        require(maxFanOut > 0, "maxFanOut must be positive, got " + maxFanOut);
    }

    /**
     * The defaults: 4096 MB budget, 256 in flight, 1 s timeout grace, 1,000 lines / 64 KiB of logs per
     * activation, Retry-After 1 s, reaper every second, calls between functions 16 deep and 64 in flight
     * per activation.
     */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(DEFAULT_MEMORY_BUDGET_MB, DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(1), 1_000,
                64 * 1024, Duration.ofSeconds(1), Duration.ofSeconds(1), DEFAULT_MAX_CALL_DEPTH, DEFAULT_MAX_FAN_OUT);
    }

    /** A copy with another memory budget. */
    public RuntimeConfig withMemoryBudgetMb(int value) {
        return new RuntimeConfig(value, maxInFlight, timeoutGrace, maxLogLines, maxLogBytes, retryAfter, reaperInterval,
                maxCallDepth, maxFanOut);
    }

    /** A copy with another node in-flight limit. */
    public RuntimeConfig withMaxInFlight(int value) {
        return new RuntimeConfig(memoryBudgetMb, value, timeoutGrace, maxLogLines, maxLogBytes, retryAfter, reaperInterval,
                maxCallDepth, maxFanOut);
    }

    /** A copy with another timeout grace period. */
    public RuntimeConfig withTimeoutGrace(Duration value) {
        return new RuntimeConfig(memoryBudgetMb, maxInFlight, value, maxLogLines, maxLogBytes, retryAfter, reaperInterval,
                maxCallDepth, maxFanOut);
    }

    /** A copy with other per-activation log limits. */
    public RuntimeConfig withLogLimits(int lines, int bytes) {
        return new RuntimeConfig(memoryBudgetMb, maxInFlight, timeoutGrace, lines, bytes, retryAfter, reaperInterval,
                maxCallDepth, maxFanOut);
    }

    /** A copy with another reaper interval; zero turns the reaper off. */
    public RuntimeConfig withReaperInterval(Duration value) {
        return new RuntimeConfig(memoryBudgetMb, maxInFlight, timeoutGrace, maxLogLines, maxLogBytes, retryAfter, value,
                maxCallDepth, maxFanOut);
    }

    /** A copy with other bounds on calls between functions. */
    public RuntimeConfig withCallBounds(int depth, int fanOut) {
        return new RuntimeConfig(memoryBudgetMb, maxInFlight, timeoutGrace, maxLogLines, maxLogBytes, retryAfter,
                reaperInterval, depth, fanOut);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
