package dev.kumo.sim.trace;

/**
 * One application of a trace: the unit the simulator keeps warm (the paper keys keep-alive by application).
 *
 * @param name     the application's id in the trace (e.g. {@code HashApp})
 * @param memoryMb the memory of a loaded instance of the application, in MB (its functions' memory added up)
 */
public record TraceApp(String name, double memoryMb) {

    /** Rejects negative memory. */
    public TraceApp {
        if (!(memoryMb >= 0)) {
            throw new IllegalArgumentException("negative memory " + memoryMb + " for app " + name);
        }
    }
}
