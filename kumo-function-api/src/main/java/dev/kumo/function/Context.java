package dev.kumo.function;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What a function can learn about the invocation it is serving. */
public interface Context {

    /** Id of this activation, the same as the {@code Kumo-Activation-Id} response header. */
    String activationId();

    /** Name of the function being run. */
    String functionName();

    /** Version that runs: {@code $LATEST} or a published version number. */
    String functionVersion();

    /** The instant after which the invocation is timed out and interrupted. */
    Instant deadline();

    /** Time left before {@link #deadline()}, never negative. */
    Duration remainingTime();

    /** Memory configured for the function, in MB. */
    int memoryLimitMb();

    /** Logger whose lines are captured into this activation's logs. */
    FunctionLogger logger();

    /** Environment variables configured for the function (not the platform's own environment). */
    Map<String, String> env();

    /**
     * Calls another function and waits for its output. The call runs inside this node without HTTP: the
     * child is recorded as its own activation whose parent is this one, and it cannot outlive this
     * invocation's {@link #deadline()}.
     *
     * @param function   the function's name, optionally with a qualifier: {@code "hello"} ({@code $LATEST}),
     *                   {@code "hello:3"} or {@code "hello:live"}
     * @param input      mapped to JSON like an HTTP request body ({@code null}, a {@code String}, a record,
     *                   a {@code Map}, or {@code byte[]} holding JSON as-is)
     * @param outputType what the child's JSON output is mapped to: a record, {@code Map}, {@code String},
     *                   {@code Object} (the generic tree), or {@code Void} to ignore it
     * @throws InvocationException when the child fails, times out, is refused or does not exist, or when
     *                             the call depth or fan-out bound of the node is reached
     */
    default <O> O invoke(String function, Object input, Class<O> outputType) {
        throw new UnsupportedOperationException("this context cannot call other functions");
    }

    /**
     * Calls another function without waiting: the child runs on a virtual thread of its own, and the future
     * completes with its output or exceptionally with an {@link InvocationException}. Arguments as in
     * {@link #invoke}; the children in flight at once count against the node's fan-out bound.
     */
    default <O> CompletableFuture<O> invokeAsync(String function, Object input, Class<O> outputType) {
        throw new UnsupportedOperationException("this context cannot call other functions");
    }
}
