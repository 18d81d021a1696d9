package dev.kumo.runtime.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.FunctionExecutor;
import dev.kumo.spi.executor.InstanceSpec;
import dev.kumo.spi.executor.StartResult;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs functions inside this JVM, each instance in its own {@link FunctionClassLoader}. The two in-JVM tiers
 * differ only in capacity: {@link Tier#ISOLATED} instances serve one invocation at a time, {@link Tier#SHARED}
 * instances up to the function's concurrency. An invocation runs on the caller's thread against a
 * {@link Watchdog} alarm; a cold start runs on a virtual thread of its own, so that invocations waiting for
 * the instance get their answer at the deadline (see {@link TimedRun}). A loader is dropped with its
 * instance and never reused.
 *
 * <p>Isolation is by class loader only: functions share the heap, the CPU and JVM-wide state such as
 * system properties. A function that spins without checking interrupts cannot be stopped.
 */
public final class InJvmExecutor implements FunctionExecutor {

    private final Tier tier;
    private final JsonMapper mapper;
    private final InstantSource clock;
    private final Watchdog watchdog;
    private final CodeIndexCache indexes;
    private final int maxLogLines;
    private final int maxLogBytes;
    private final FunctionCalls calls;
    private final ClassLoader api = InJvmExecutor.class.getClassLoader();

    private InJvmExecutor(Tier tier, JsonMapper mapper, InstantSource clock, Watchdog watchdog,
                          CodeIndexCache indexes, int maxLogLines, int maxLogBytes, FunctionCalls calls) {
        this.calls = calls;
        this.tier = tier;
        this.mapper = mapper;
        this.clock = clock;
        this.watchdog = watchdog;
        this.indexes = indexes;
        this.maxLogLines = maxLogLines;
        this.maxLogBytes = maxLogBytes;
    }

    /**
     * Creates the executors of both in-JVM tiers. They share the JSON mapper and one in-memory cache of jar
     * contents, so isolated and shared instances of the same code read its jar once.
     *
     * @param watchdog    fires the deadlines of invocations
     * @param maxLogLines most log lines kept per activation
     * @param maxLogBytes most log bytes kept per activation
     * @param calls       how functions call other functions
     */
    public static Map<Tier, FunctionExecutor> create(JsonMapper mapper, InstantSource clock, Watchdog watchdog,
                                                     int maxLogLines, int maxLogBytes, FunctionCalls calls) {
        var indexes = new CodeIndexCache();
        var executors = new EnumMap<Tier, FunctionExecutor>(Tier.class);
        for (Tier tier : List.of(Tier.ISOLATED, Tier.SHARED)) {
            executors.put(tier, new InJvmExecutor(tier, mapper, clock, watchdog, indexes, maxLogLines, maxLogBytes,
                    calls));
        }
        return executors;
    }

    @Override
    public Tier tier() {
        return tier;
    }

    @Override
    public StartResult start(InstanceSpec spec, ActivationId trigger, Instant deadline) {
        FunctionVersion version = spec.version();
        CodeIndex index;
        try {
            index = indexes.get(version.code(), spec.code());
        } catch (UncheckedIOException e) {
            return new StartResult.Failed(new ErrorInfo("CodeUnavailable", e.getMessage(), List.of()), List.of());
        }
        var loader = new FunctionClassLoader(version.instanceKey(), index, api);
        LogBuffer logs = newLog();
        var ctx = new InvocationContext(trigger.value(), version, deadline, clock, logs, Optional.empty());
        String handler = version.config().handler();
        var outcome = TimedRun.detached(() -> {
            HandlerAdapter adapter = HandlerAdapter.create(loader, handler, mapper);
            adapter.init(ctx);
            return adapter;
        }, loader, logs, deadline, clock);
        return switch (outcome) {
            case TimedRun.Done<HandlerAdapter>(var adapter) -> new StartResult.Started(
                    new InJvmInstance(version, capacity(version), adapter, loader, this), logs.drain());
            case TimedRun.Threw<HandlerAdapter>(var error) -> new StartResult.Failed(initError(error, handler),
                    logs.drain());
            case TimedRun.Expired<HandlerAdapter>(var ended) -> new StartResult.TimedOut(logs.drain(), ended);
        };
    }

    LogBuffer newLog() {
        return new LogBuffer(maxLogLines, maxLogBytes);
    }

    InstantSource clock() {
        return clock;
    }

    FunctionCalls calls() {
        return calls;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    private int capacity(FunctionVersion version) {
        return switch (tier) {
            case SHARED -> version.config().perInstanceConcurrency();
            case ISOLATED, PROCESS, SANDBOX -> 1;
        };
    }

    private static ErrorInfo initError(Throwable error, String handler) {
        return switch (error) {
            case ClassNotFoundException e -> new ErrorInfo("HandlerMissing",
                    "handler class '" + handler + "' is not in the function's code", List.of());
            case HandlerInvalidException e -> new ErrorInfo("HandlerInvalid", e.getMessage(), List.of());
            case ExceptionInInitializerError e when e.getCause() != null -> ErrorInfo.of(e.getCause());
            default -> ErrorInfo.of(error);
        };
    }
}
