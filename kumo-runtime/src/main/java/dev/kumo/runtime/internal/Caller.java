package dev.kumo.runtime.internal;

import dev.kumo.core.ActivationId;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One activation's side of its calls to other functions: who calls, how deep, until when, and how many of
 * its calls are in flight (bounded by the node's fan-out limit). Thread-safe: asynchronous calls end on
 * their own threads.
 */
final class Caller {

    private final FunctionCalls calls;
    private final ActivationId id;
    private final int depth;
    private final Instant deadline;
    private final ClassLoader loader;
    private final AtomicInteger inFlight = new AtomicInteger();

    Caller(FunctionCalls calls, ActivationId id, int depth, Instant deadline, ClassLoader loader) {
        this.calls = calls;
        this.id = id;
        this.depth = depth;
        this.deadline = deadline;
        this.loader = loader;
    }

    ActivationId id() {
        return id;
    }

    int depth() {
        return depth;
    }

    Instant deadline() {
        return deadline;
    }

    ClassLoader loader() {
        return loader;
    }

    /** Calls {@code function} and waits for its output, on this thread. */
    <O> O invoke(String function, Object input, Class<O> outputType) {
        var request = calls.request(this, function, input);
        return calls.output(calls.run(this, request), outputType, loader);
    }

    /** Calls {@code function} on a virtual thread of its own. */
    <O> CompletableFuture<O> invokeAsync(String function, Object input, Class<O> outputType) {
        try {
            return calls.start(this, calls.request(this, function, input), outputType);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Takes a fan-out permit; false when the activation already has the most calls in flight. */
    boolean enter() {
        while (true) {
            int now = inFlight.get();
            if (now >= calls.maxFanOut()) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void exit() {
        inFlight.decrementAndGet();
    }
}
