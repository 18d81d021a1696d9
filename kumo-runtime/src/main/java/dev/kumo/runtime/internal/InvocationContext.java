package dev.kumo.runtime.internal;

import dev.kumo.core.FunctionVersion;
import dev.kumo.function.Context;
import dev.kumo.function.FunctionLogger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/** The {@link Context} one activation (or one cold start) sees. Remaining time comes from the injected clock. */
final class InvocationContext implements Context {

    private final String activationId;
    private final FunctionVersion version;
    private final Instant deadline;
    private final InstantSource clock;
    private final LogBuffer logs;

    InvocationContext(String activationId, FunctionVersion version, Instant deadline, InstantSource clock,
                      LogBuffer logs) {
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

    LogBuffer logs() {
        return logs;
    }

    @Override
    public String toString() {
        return "Context[" + version.function() + ":" + version.version() + ", " + activationId + "]";
    }
}
