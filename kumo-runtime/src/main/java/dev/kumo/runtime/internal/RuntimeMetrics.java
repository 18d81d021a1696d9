package dev.kumo.runtime.internal;

import dev.kumo.core.ActivationStatus;
import dev.kumo.core.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's Micrometer meters, looked up once per function and cached, so recording an invocation is
 * a map lookup and a few atomic adds. Names (Prometheus adds {@code _total}, {@code _seconds}...):
 * {@code kumo.invocations{function,status}}, {@code kumo.invocation.duration{function}} (with a percentile
 * histogram), {@code kumo.cold.starts{function}}, {@code kumo.rejections{reason}},
 * {@code kumo.instances{state=idle|busy}}, {@code kumo.inflight}, {@code kumo.memory.used.mb}.
 * Meters of deleted functions stay registered until restart.
 */
public final class RuntimeMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, FunctionMeters> functions = new ConcurrentHashMap<>();
    private final Map<RejectReason, Counter> rejections = new EnumMap<>(RejectReason.class);

    /** The meters of one function. */
    record FunctionMeters(Counter[] invocations, Timer duration, Counter coldStarts) {
    }

    /** Registers the gauges over {@code pool} and {@code admission} and the rejection counters. */
    public RuntimeMetrics(MeterRegistry registry, InstancePool pool, Admission admission) {
        this.registry = registry;
        Gauge.builder("kumo.instances", pool, p -> p.snapshot().idleInstances()).tag("state", "idle")
                .description("Function instances loaded and idle").register(registry);
        Gauge.builder("kumo.instances", pool, p -> p.snapshot().busyInstances()).tag("state", "busy")
                .description("Function instances starting or serving invocations").register(registry);
        Gauge.builder("kumo.memory.used.mb", pool, p -> p.snapshot().memoryUsedMb())
                .description("Node memory budget held by instances, MB").register(registry);
        Gauge.builder("kumo.inflight", admission, Admission::inFlight)
                .description("Invocations in flight on this node").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejections.put(reason, Counter.builder("kumo.rejections").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Invocations refused by a limit").register(registry));
        }
    }

    /**
     * Counts one finished invocation of {@code function}; its handler ran for {@code nanos}, 0 when it never
     * got to run (failed cold start), which leaves the duration timer alone.
     */
    void invocation(String function, ActivationStatus status, long nanos) {
        FunctionMeters meters = meters(function);
        meters.invocations()[status.ordinal()].increment();
        if (nanos > 0) {
            meters.duration().record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Counts one invocation that was refused by {@code reason}. */
    void rejected(String function, RejectReason reason) {
        meters(function).invocations()[ActivationStatus.REJECTED.ordinal()].increment();
        rejections.get(reason).increment();
    }

    /** Counts one cold start of {@code function}. */
    void coldStart(String function) {
        meters(function).coldStarts().increment();
    }

    private FunctionMeters meters(String function) {
        FunctionMeters meters = functions.get(function);
        return meters != null ? meters : functions.computeIfAbsent(function, this::register);
    }

    private FunctionMeters register(String function) {
        var invocations = new Counter[ActivationStatus.values().length];
        for (ActivationStatus status : ActivationStatus.values()) {
            invocations[status.ordinal()] = Counter.builder("kumo.invocations").tag("function", function)
                    .tag("status", status.wireName()).description("Finished invocations").register(registry);
        }
        Timer duration = Timer.builder("kumo.invocation.duration").tag("function", function)
                .publishPercentileHistogram().description("Handler run time").register(registry);
        Counter coldStarts = Counter.builder("kumo.cold.starts").tag("function", function)
                .description("Instances started for an invocation").register(registry);
        return new FunctionMeters(invocations, duration, coldStarts);
    }
}
