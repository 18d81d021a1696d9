package dev.kumo.sim.trace;

/** Receives a trace's invocations in order of start time (milliseconds on the trace's virtual clock). */
@FunctionalInterface
public interface InvocationSink {

    /** One invocation of app number {@code app} (an index into {@link Trace#apps()}). */
    void accept(int app, long startMs, long durationMs);
}
