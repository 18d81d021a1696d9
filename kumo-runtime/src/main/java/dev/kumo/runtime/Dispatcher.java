package dev.kumo.runtime;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.RejectReason;
import dev.kumo.core.Tier;
import dev.kumo.runtime.internal.Admission;
import dev.kumo.runtime.internal.FunctionCalls;
import dev.kumo.runtime.internal.InJvmExecutor;
import dev.kumo.runtime.internal.InstancePool;
import dev.kumo.runtime.internal.Invoker;
import dev.kumo.runtime.internal.LogCapture;
import dev.kumo.runtime.internal.RuntimeMetrics;
import dev.kumo.runtime.internal.VersionResolver;
import dev.kumo.runtime.internal.Watchdog;
import dev.kumo.spi.executor.FunctionExecutor;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime's entry point: everything the gateway needs to run functions. {@link #invoke} resolves the
 * qualifier, applies the node and per-version concurrency limits (rejecting at once, never queueing), runs
 * the invocation on a warm or freshly started instance, records its activation and answers a sealed
 * {@link InvocationResult}. Expected outcomes are values; {@code invoke} throws only on bugs or when the
 * store fails.
 *
 * <p>Every outcome except {@link InvocationResult.NotFound} is recorded as an activation (there is no
 * function to attach a not-found to, and recording them would let any caller fill the store).
 *
 * <p>Functions call other functions through it ({@code ctx.invoke}): such a call takes the same path as
 * one from the gateway, one level deeper, capped by the caller's deadline and refused past the call-depth
 * and fan-out bounds of {@link RuntimeConfig}.
 *
 * <p>Creating a dispatcher replaces {@code System.out} and {@code System.err} (once per JVM) so that lines a
 * function prints land in its activation's logs, and starts a reaper virtual thread that unloads idle
 * instances past their keep-alive window; {@link #close()} stops it. Deadlines are fired by one daemon
 * platform thread that runs only while invocations are armed (it ends a few seconds after the last).
 */
public final class Dispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final VersionResolver resolver;
    private final Admission admission;
    private final Invoker invoker;
    private final InstancePool pool;
    private final InstantSource clock;
    private final JsonMapper mapper;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Dispatcher(RuntimeConfig config, Store store, Watchdog watchdog, KeepAlivePolicy keepAlive,
                       InstantSource clock, MeterRegistry meters, JsonMapper mapper,
                       Map<Tier, FunctionExecutor> workers) {
        // Functions call back into this dispatcher; the executors get it before any function runs.
        var calls = new FunctionCalls(new FunctionCalls.Target() {
            @Override
            public InvocationResult invoke(InvocationRequest request) {
                return Dispatcher.this.invoke(request);
            }

            @Override
            public InvocationResult refuse(InvocationRequest request, RejectReason reason, String message) {
                return Dispatcher.this.refuse(request, reason, message);
            }
        }, mapper, clock, config.maxCallDepth(), config.maxFanOut());
        Map<Tier, FunctionExecutor> executors = new EnumMap<>(InJvmExecutor.create(mapper, clock, watchdog,
                config.maxLogLines(), config.maxLogBytes(), calls));
        workers.forEach((tier, executor) -> {
            if (!tier.outOfProcess()) {
                throw new IllegalArgumentException("worker executors serve the process and sandbox tiers, not " + tier);
            }
            executors.put(tier, executor);
        });
        this.clock = clock;
        this.mapper = mapper;
        this.resolver = new VersionResolver(store.functions(), store.aliases(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.admission = new Admission(config.maxInFlight());
        this.pool = new InstancePool(executors, store.code(), keepAlive, clock, config.memoryBudgetMb(),
                config.timeoutGrace());
        var metrics = new RuntimeMetrics(meters, pool, admission);
        this.invoker = new Invoker(pool, store.activations(), metrics, clock, watchdog, config.timeoutGrace(),
                config.retryAfter());
        if (config.reaperInterval().isPositive()) {
            long intervalNanos = config.reaperInterval().toNanos();
            Thread.ofVirtual().name("kumo-reaper").start(() -> reap(intervalNanos));
        }
    }

    /**
     * Creates a dispatcher running functions in this JVM (tiers {@code isolated} and {@code shared}).
     *
     * @param config    node limits, see {@link RuntimeConfig#defaults()}
     * @param store     registry, aliases, code and activations; the dispatcher reads them per request
     * @param keepAlive decides how long idle instances stay warm (e.g. {@code KeepAlivePolicies.create("fixed:10m")})
     * @param clock     the only source of time: deadlines, keep-alive windows and activation timestamps
     * @param meters    where the {@code kumo.*} meters are registered
     */
    public static Dispatcher create(RuntimeConfig config, Store store, KeepAlivePolicy keepAlive, InstantSource clock,
                                    MeterRegistry meters) {
        return create(config, store, keepAlive, clock, meters, Map.of());
    }

    /**
     * Creates a dispatcher that also runs the out-of-process tiers with the given executors (a tier left out
     * answers every cold start with a {@code TierUnavailable} init error).
     *
     * @param workers executors of {@link Tier#PROCESS} and {@link Tier#SANDBOX}
     */
    public static Dispatcher create(RuntimeConfig config, Store store, KeepAlivePolicy keepAlive, InstantSource clock,
                                    MeterRegistry meters, Map<Tier, FunctionExecutor> workers) {
        LogCapture.install();
        JsonMapper mapper = JsonMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
        var watchdog = new Watchdog();
        return new Dispatcher(config, store, watchdog, keepAlive, clock, meters, mapper, workers);
    }

    /**
     * Runs one synchronous invocation on the calling (virtual) thread, which is blocked until the function
     * returns. A function that ignores the interrupt at its deadline keeps the caller blocked until it
     * returns, however long; use {@link #invoke(InvocationRequest, Consumer)} to answer at the deadline.
     */
    public InvocationResult invoke(InvocationRequest request) {
        return invoke(request, result -> {
        });
    }

    /**
     * Runs one synchronous invocation on the calling (virtual) thread and returns when the function does.
     * When the function's deadline passes while it still runs, its thread is interrupted and {@code early}
     * gets the {@link InvocationResult.TimedOut} this call will return (same activation, version and
     * timeout), so the caller can answer at the deadline even if the function ignores interrupts. A function
     * still running at deadline + {@link RuntimeConfig#timeoutGrace()} has its timeout recorded and its
     * instance discarded without waiting for it.
     *
     * @param early called at most once, on the runtime's watchdog thread (never on the calling thread); it
     *              must be quick and must not block, since it delays the deadlines of other invocations
     */
    public InvocationResult invoke(InvocationRequest request, Consumer<InvocationResult> early) {
        long admittedNanos = System.nanoTime();
        Instant admitted = clock.instant();
        return switch (resolver.resolve(request.function(), request.qualifier())) {
            case VersionResolver.Missing m -> new InvocationResult.NotFound(m.message());
            case VersionResolver.Found f -> admit(f.version(), request, admitted, admittedNanos, early);
        };
    }

    /** Records {@code request} as refused for {@code reason} without running it (a call past a bound). */
    private InvocationResult refuse(InvocationRequest request, RejectReason reason, String message) {
        Instant admitted = clock.instant();
        return switch (resolver.resolve(request.function(), request.qualifier())) {
            case VersionResolver.Missing m -> new InvocationResult.NotFound(m.message());
            case VersionResolver.Found f -> invoker.reject(f.version(), request, admitted, reason, message);
        };
    }

    private InvocationResult admit(FunctionVersion version, InvocationRequest request, Instant admitted,
                                   long admittedNanos, Consumer<InvocationResult> early) {
        if (!admission.tryEnterNode()) {
            return invoker.reject(version, request, admitted, RejectReason.NODE_CONCURRENCY,
                    "the node is running its limit of " + admission.inFlight() + " invocations");
        }
        try {
            Semaphore permits = admission.version(version);
            if (!permits.tryAcquire()) {
                return invoker.reject(version, request, admitted, RejectReason.FUNCTION_CONCURRENCY,
                        "function '" + version.function() + "' is running its limit of "
                                + version.config().maxInFlight() + " invocations");
            }
            try {
                return invoker.invoke(version, request, admitted, admittedNanos, early);
            } finally {
                permits.release();
            }
        } finally {
            admission.exitNode();
        }
    }

    /**
     * The version {@code qualifier} of {@code function} names right now (an alias resolves to one of its
     * versions, at random by its weights).
     *
     * @throws dev.kumo.core.NotFoundException when the function, version or alias does not exist
     */
    public FunctionVersion resolve(String function, String qualifier) {
        return switch (resolver.resolve(function, qualifier)) {
            case VersionResolver.Missing m -> throw new dev.kumo.core.NotFoundException(m.message());
            case VersionResolver.Found f -> f.version();
        };
    }

    /**
     * Drops the idle instances of every version of {@code function} at once and the busy ones when their
     * invocations end. Call it after the function was deleted so its code stops holding memory.
     */
    public void retire(String function) {
        pool.retire(function);
        admission.forget(function);
    }

    /**
     * Drops the instances of earlier revisions of the {@code $LATEST} that {@code latest} replaced (idle ones
     * at once, busy ones when they finish); published versions stay warm. Call it after every deploy.
     */
    public void draftReplaced(FunctionVersion latest) {
        pool.retireOlderDrafts(latest);
        admission.forget(latest.function());
    }

    /** Instance counts and memory use right now. */
    public PoolSnapshot snapshot() {
        return pool.snapshot();
    }

    /**
     * Unloads idle instances whose keep-alive window ended by {@code now} and starts due pre-warms; the
     * reaper calls this every {@link RuntimeConfig#reaperInterval()}. Returns how many were unloaded.
     */
    public int evictExpired(Instant now) {
        int unloaded = pool.evictExpired(now);
        if (pool.takeDropped()) {
            // Jackson's root caches hold the classes of dropped loaders; flushing lets those loaders go.
            mapper.clearCaches();
        }
        return unloaded;
    }

    /** Stops the reaper and drops all idle instances; invocations still running finish normally. */
    @Override
    public void close() {
        closed.countDown();
        pool.close();
    }

    private void reap(long intervalNanos) {
        try {
            while (!closed.await(intervalNanos, TimeUnit.NANOSECONDS)) {
                try {
                    evictExpired(clock.instant());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "instance reaper failed; retrying", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
