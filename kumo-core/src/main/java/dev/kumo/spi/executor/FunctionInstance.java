package dev.kumo.spi.executor;

/**
 * One started instance of a function version. The pool never calls {@link #execute} more than
 * {@link #capacity()} times at once.
 */
public interface FunctionInstance {

    /** How many invocations this instance serves at once: 1 for the isolated tier, the concurrency for shared. */
    int capacity();

    /**
     * Runs one invocation and blocks until it ends; never throws for anything the function does. An executor
     * that runs the function on the calling thread cannot return before the function does: past the
     * deadline it interrupts the function, calls {@link Execution#onTimeout()} at once and answers
     * {@link ExecutionResult.TimedOut} when the function stops. An executor that runs it elsewhere may
     * answer {@code TimedOut} at the deadline instead.
     */
    ExecutionResult execute(Execution execution);

    /**
     * Whether the instance can take further invocations. An out-of-process instance whose worker crashed, ran out
     * of memory or was killed at a timeout answers {@code false}; the pool then replaces it. In-JVM instances are
     * always alive.
     */
    default boolean alive() {
        return true;
    }

    /**
     * Drops the instance: it will not be used again and its resources (class loader, handler) become
     * collectable once invocations still running on it end. Idempotent.
     */
    void close();
}
