package dev.kumo.async.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The asynchronous path's Micrometer meters: {@code kumo.async.enqueued{function}},
 * {@code kumo.async.queue.depth{function}} (invocations waiting or running), {@code kumo.async.queued.bytes}
 * (their payload bytes, all functions together), {@code kumo.async.retries{function}},
 * {@code kumo.async.dead.letters{function}} and {@code kumo.async.callbacks{outcome=delivered|retried|abandoned}}.
 * Tags are bounded by the number of functions; meters of deleted functions stay until restart.
 */
public final class AsyncMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Meters> functions = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter retried;
    private final Counter abandoned;

    private record Meters(Counter enqueued, Counter retries, Counter deadLetters) {
    }

    /** Registers the callback counters; per-function meters are registered on first use. */
    public AsyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.delivered = callbacks("delivered");
        this.retried = callbacks("retried");
        this.abandoned = callbacks("abandoned");
    }

    /** Registers the depth gauge of {@code function}, read from {@code depth}. */
    void depth(String function, Supplier<Number> depth) {
        Gauge.builder("kumo.async.queue.depth", depth).tag("function", function)
                .description("Asynchronous invocations waiting or running").register(registry);
    }

    /** Registers the node-wide gauge of payload bytes held by queued, delayed and running invocations. */
    void queuedBytes(Supplier<Number> bytes) {
        Gauge.builder("kumo.async.queued.bytes", bytes).baseUnit("bytes")
                .description("Payload bytes of asynchronous invocations waiting or running, all functions")
                .register(registry);
    }

    /** Counts an accepted invocation. */
    void enqueued(String function) {
        meters(function).enqueued().increment();
    }

    /** Counts a retry scheduled after a failed attempt. */
    void retried(String function) {
        meters(function).retries().increment();
    }

    /** Counts an invocation moved to the dead-letter store. */
    void deadLettered(String function) {
        meters(function).deadLetters().increment();
    }

    /** Counts a callback delivered (2xx). */
    void callbackDelivered() {
        delivered.increment();
    }

    /** Counts a failed callback try that will be retried. */
    void callbackRetried() {
        retried.increment();
    }

    /** Counts a callback given up. */
    void callbackAbandoned() {
        abandoned.increment();
    }

    private Meters meters(String function) {
        return functions.computeIfAbsent(function, f -> new Meters(
                Counter.builder("kumo.async.enqueued").tag("function", f)
                        .description("Asynchronous invocations accepted").register(registry),
                Counter.builder("kumo.async.retries").tag("function", f)
                        .description("Retries scheduled after failed attempts").register(registry),
                Counter.builder("kumo.async.dead.letters").tag("function", f)
                        .description("Invocations moved to the dead-letter store").register(registry)));
    }

    private Counter callbacks(String outcome) {
        return Counter.builder("kumo.async.callbacks").tag("outcome", outcome)
                .description("Callback delivery tries by outcome").register(registry);
    }
}
