package dev.kumo.sim.trace;

import java.util.List;

/**
 * An invocation trace ready to replay: its applications and its invocations, delivered in order of start time.
 * Replays with the same seed deliver exactly the same invocations, so simulations are deterministic.
 */
public interface Trace {

    /** The applications; an invocation's app number indexes this list. */
    List<TraceApp> apps();

    /** How many invocations a replay delivers. */
    long invocationCount();

    /** The end of the traced period in milliseconds (e.g. the end of the last minute column). */
    long endMs();

    /** Delivers every invocation to {@code sink} in non-decreasing start order; {@code seed} drives placement in a minute. */
    void replay(long seed, InvocationSink sink);
}
