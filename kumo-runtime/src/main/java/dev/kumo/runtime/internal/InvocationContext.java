package dev.kumo.runtime.internal;

import dev.kumo.core.FunctionVersion;
import dev.kumo.function.Context;
import dev.kumo.function.FunctionLogger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Context} one activation (or one cold start) sees. Remaining time comes from the injected clock.
 * Calls to other functions go through the activation's {@link Caller}; a cold start has none (its
 * {@code init} cannot call other functions: there is no invocation to charge them to).
 */
final class InvocationContext implements Context {

    private final String activationId;
    private final FunctionVersion version;
    private final Instant deadline;
    private final InstantSource clock;
    private final LogBuffer logs;
    private final Optional<Caller> caller;

    InvocationContext(String activationId, FunctionVersion version, Instant deadline, InstantSource clock,
                      LogBuffer logs, Optional<Caller> caller) {
        this.caller = caller;
        this.activationId = activationId;
        this.version = version;
        this.deadline = deadline;
        this.clock = clock;
        this.logs = logs;
    }

    @Override
    public String activationId() {
        return activationId;
    }

    @Override
    public String functionName() {
        return version.function();
    }

    @Override
    public String functionVersion() {
        return version.version();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Duration remainingTime() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public int memoryLimitMb() {
        return version.config().memoryMb();
    }

    @Override
    public FunctionLogger logger() {
        return logs;
    }

    @Override
    public Map<String, String> env() {
        return version.config().env();
    }

    @Override
    public <O> O invoke(String function, Object input, Class<O> outputType) {
        return caller().invoke(function, input, outputType);
    }

    @Override
    public <O> CompletableFuture<O> invokeAsync(String function, Object input, Class<O> outputType) {
        return caller().invokeAsync(function, input, outputType);
    }

    private Caller caller() {
        return caller.orElseThrow(() -> new IllegalStateException(
                "init cannot call other functions; call them while handling an invocation"));
    }

    LogBuffer logs() {
        return logs;
    }

    @Override
    public String toString() {
        return "Context[" + version.function() + ":" + version.version() + ", " + activationId + "]";
    }
}
