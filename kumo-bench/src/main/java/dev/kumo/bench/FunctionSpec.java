package dev.kumo.bench;

/**
 * The parts of a function's configuration the benchmarks deploy with.
 *
 * @param handler      handler class name
 * @param tier         {@code isolated}, {@code shared}, {@code process} or {@code sandbox}
 * @param concurrency  invocations one instance serves at once (1 for isolated)
 * @param maxInstances most instances of the function
 * @param memoryMb     configured memory; it counts against the node's admission budget, not the heap
 */
record FunctionSpec(String handler, String tier, int concurrency, int maxInstances, int memoryMb) {

    /** An isolated-tier function with the platform's default limits. */
    static FunctionSpec isolated(String handler) {
        return new FunctionSpec(handler, "isolated", 1, 64, 256);
    }

    /** A function of a one-invocation-per-instance tier ({@code isolated}, {@code process}, {@code sandbox}). */
    static FunctionSpec inTier(String handler, String tier) {
        return new FunctionSpec(handler, tier, 1, 64, 256);
    }

    /** A shared-tier function whose single instance serves {@code slots} invocations at once. */
    static FunctionSpec sharedSingleInstance(String handler, int slots) {
        return new FunctionSpec(handler, "shared", slots, 1, 256);
    }
}
