package dev.kumo.runtime.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.RejectReason;
import dev.kumo.core.Tier;
import dev.kumo.runtime.PoolSnapshot;
import dev.kumo.spi.executor.FunctionExecutor;
import dev.kumo.spi.executor.FunctionInstance;
import dev.kumo.spi.executor.InstanceSpec;
import dev.kumo.spi.executor.StartResult;
import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import dev.kumo.spi.store.CodeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Warm instances per function version, keyed by {@link FunctionVersion#instanceKey()} (so a redeployed
 * {@code $LATEST} never reuses old instances), under one node memory budget.
 *
 * <p>{@link #acquire} packs work onto the busiest instance that still has a free slot (an instance that is
 * still starting counts, and the caller waits for it); otherwise it starts a new instance if the version is
 * below {@code maxInstances} and the memory fits, evicting idle instances of any function, least recently
 * used first. Cold starts run outside the lock, so several may run at once. The lock guards only
 * bookkeeping ({@link PoolLedger}): no function code and no I/O runs under it.
 *
 * <p>When an instance becomes idle the {@link KeepAlivePolicy} decides its fate: with no pre-warm it stays
 * for the keep-alive span; with a pre-warm delay it is unloaded at once and a new one is started at
 * {@code end + prewarm}, kept for the keep-alive span. {@link #evictExpired} applies both and is called
 * every second by the runtime's reaper.
 */
public final class InstancePool {

    private final Map<Tier, FunctionExecutor> executors;
    private final CodeStore code;
    private final KeepAlivePolicy keepAlive;
    private final InstantSource clock;
    private final Duration grace;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("kumo-pool-", 0).factory());

    private final ReentrantLock lock = new ReentrantLock();
    private final PoolLedger ledger;
    private final Map<String, Prewarm> prewarms = new HashMap<>();
    private boolean closed;

    /** A planned pre-warm of {@code version}: load at {@code loadAt}, keep until {@code unloadAt}. */
    private record Prewarm(FunctionVersion version, Instant loadAt, Instant unloadAt) {
    }

    /**
     * Creates an empty pool.
     *
     * @param executors one executor per tier
     * @param code      where instances find their jars
     * @param keepAlive decides how long idle instances stay
     * @param clock     time for pre-warm deadlines
     * @param budgetMb  the node memory budget: the sum of {@code memoryMb} of all instances
     * @param grace     how long a timed-out invocation may take to stop before its instance is discarded
     */
    public InstancePool(Map<Tier, FunctionExecutor> executors, CodeStore code, KeepAlivePolicy keepAlive,
                        InstantSource clock, int budgetMb, Duration grace) {
        this.executors = new EnumMap<>(executors);
        this.code = code;
        this.keepAlive = keepAlive;
        this.clock = clock;
        this.ledger = new PoolLedger(budgetMb);
        this.grace = grace;
    }

    /** The name keep-alive policies know a version by: {@code function:version}, stable across redeploys. */
    static String app(FunctionVersion version) {
        return version.function() + ":" + version.version();
    }

    /**
     * Takes a slot for one invocation, starting an instance when needed.
     *
     * @param trigger      the activation, for the cold start's context
     * @param initDeadline when a cold start this call performs is abandoned
     */
    Acquisition acquire(FunctionVersion version, ActivationId trigger, Instant initDeadline) {
        PooledInstance chosen;
        boolean create = false;
        List<PooledInstance> evicted = List.of();
        lock.lock();
        try {
            if (closed) {
                return new Acquisition.Rejected(RejectReason.NODE_CONCURRENCY, "the runtime is shutting down");
            }
            List<PooledInstance> instances = ledger.instances(version.instanceKey());
            chosen = PoolLedger.pick(instances);
            if (chosen != null) {
                chosen.busy++;
                ledger.touch(chosen);
                if (!chosen.starting) {
                    return new Acquisition.Leased(chosen, false, 0, List.of());
                }
            } else {
                int max = version.config().maxInstances();
                if (instances.size() >= max) {
                    return new Acquisition.Rejected(RejectReason.MAX_INSTANCES, "function '" + version.function()
                            + "' version " + version.version() + " has all its " + max + " instances busy");
                }
                int memoryMb = version.config().memoryMb();
                evicted = new ArrayList<>(0);
                if (!ledger.reserve(memoryMb, evicted)) {
                    ledger.forgetIfEmpty(version.instanceKey());
                    return new Acquisition.Rejected(RejectReason.MEMORY, "not enough memory for a new " + memoryMb
                            + " MB instance: " + ledger.usedMb() + " of " + ledger.budgetMb()
                            + " MB are held by busy instances");
                }
                chosen = new PooledInstance(version, app(version), version.config().perInstanceConcurrency());
                chosen.busy = 1;
                ledger.touch(chosen);
                instances.add(chosen);
                create = true;
            }
        } finally {
            lock.unlock();
        }
        closeAll(evicted);
        return create ? coldStart(chosen, trigger, initDeadline) : join(chosen);
    }

    private Acquisition coldStart(PooledInstance p, ActivationId trigger, Instant deadline) {
        long t0 = System.nanoTime();
        StartResult result = startInstance(p, trigger, deadline);
        long initNanos = System.nanoTime() - t0;
        return switch (result) {
            case StartResult.Started s -> new Acquisition.Leased(p, true, initNanos, s.logs());
            case StartResult.Failed f -> new Acquisition.StartFailed(true, f.error(), initNanos, f.logs());
            case StartResult.TimedOut t -> new Acquisition.StartTimedOut(true, initNanos, t.logs());
        };
    }

    private static Acquisition join(PooledInstance p) {
        return switch (p.startup.join()) {
            case StartResult.Started s -> new Acquisition.Leased(p, false, 0, List.of());
            case StartResult.Failed f -> new Acquisition.StartFailed(false, f.error(), 0, f.logs());
            case StartResult.TimedOut t -> new Acquisition.StartTimedOut(false, 0, t.logs());
        };
    }

    private StartResult startInstance(PooledInstance p, ActivationId trigger, Instant deadline) {
        StartResult result;
        try {
            Optional<Path> jar = code.path(p.version.code());
            FunctionExecutor executor = executors.get(p.version.config().tier());
            result = executor == null ? new StartResult.Failed(new ErrorInfo("TierUnavailable", "the "
                            + p.version.config().tier().wireName() + " tier is not available on this node", List.of()),
                            List.of())
                    : jar.isPresent()
                    ? executor.start(new InstanceSpec(p.version, jar.get()), trigger,
                            deadline)
                    : new StartResult.Failed(new ErrorInfo("CodeUnavailable", "code " + p.version.code().sha256()
                            + " of function '" + p.version.function() + "' is not in the code store", List.of()),
                            List.of());
        } catch (RuntimeException e) {
            result = new StartResult.Failed(ErrorInfo.of(e), List.of());
        }
        FunctionInstance toClose = null;
        lock.lock();
        try {
            switch (result) {
                case StartResult.Started s -> {
                    p.instance = s.instance();
                    p.starting = false;
                    if (p.retired && p.busy == 0 && ledger.free(p)) {
                        toClose = s.instance();
                    }
                }
                case StartResult.Failed f -> {
                    ledger.removeLive(p);
                    p.busy = 0;
                    ledger.free(p);
                }
                case StartResult.TimedOut t -> {
                    ledger.removeLive(p);
                    p.busy = 0;
                }
            }
        } finally {
            lock.unlock();
        }
        if (result instanceof StartResult.TimedOut t) {
            t.ended().whenComplete((v, e) -> locked(() -> ledger.free(p)));
        }
        if (toClose != null) {
            toClose.close();
        }
        p.startup.complete(result);
        return result;
    }

    /** Gives back a slot after an invocation that ended on its own. */
    void release(PooledInstance p, Instant start, Instant end) {
        if (p.instance != null && !p.instance.alive()) {
            discard(p); // a worker process that crashed or ran out of memory is replaced, never reused
        }
        keepAlive.recordInvocation(p.app, start, end);
        KeepAliveWindow window = keepAlive.window(p.app, end);
        FunctionInstance toClose = null;
        lock.lock();
        try {
            p.busy--;
            if (p.busy == 0) {
                if (p.retired) {
                    toClose = ledger.free(p) ? p.instance : null;
                } else if (window.prewarm().isPositive()) {
                    ledger.removeLive(p);
                    ledger.free(p);
                    toClose = p.instance;
                    Instant loadAt = end.plus(window.prewarm());
                    prewarms.put(p.version.instanceKey(),
                            new Prewarm(p.version, loadAt, loadAt.plus(window.keepAlive())));
                } else {
                    p.expiresAt = end.plus(window.keepAlive());
                }
            }
        } finally {
            lock.unlock();
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /**
     * Gives back a slot after a timed-out invocation: normally if its thread stops within the grace period;
     * otherwise the instance is discarded at once (no new invocations; a replacement may start) while the
     * slot and the memory stay held until the thread really ends.
     */
    void releaseAfterTimeout(PooledInstance p, CompletionStage<Void> ended, Instant start, Instant end) {
        if (ended.toCompletableFuture().isDone()) {
            // The function already stopped (it ran on the caller's thread): nothing to wait for.
            release(p, start, end);
            return;
        }
        ended.toCompletableFuture().copy()
                .orTimeout(grace.toNanos(), TimeUnit.NANOSECONDS)
                .whenCompleteAsync((v, timedOut) -> {
                    if (timedOut == null) {
                        release(p, start, end);
                    } else {
                        discard(p);
                        ended.whenComplete((v2, e2) -> release(p, start, end));
                    }
                }, background);
    }

    /**
     * Takes the instance of an invocation that ran past its deadline + grace out of service (a replacement
     * may start) while its slot and memory stay held until that invocation's slot is released.
     */
    void discard(PooledInstance p) {
        locked(() -> ledger.removeLive(p));
    }

    /**
     * Unloads idle instances whose keep-alive window has passed by {@code now} and starts due pre-warms.
     *
     * @return how many instances were unloaded
     */
    public int evictExpired(Instant now) {
        List<PooledInstance> expired;
        var toStart = new ArrayList<PooledInstance>();
        lock.lock();
        try {
            expired = ledger.removeExpired(now);
            for (var it = prewarms.values().iterator(); it.hasNext(); ) {
                Prewarm plan = it.next();
                if (now.isBefore(plan.loadAt())) {
                    continue;
                }
                it.remove();
                if (now.isBefore(plan.unloadAt()) && !closed) {
                    prewarm(plan).ifPresent(toStart::add);
                }
            }
        } finally {
            lock.unlock();
        }
        closeAll(expired);
        for (PooledInstance p : toStart) {
            long timeoutMs = p.version.config().timeoutMs();
            background.execute(() -> startInstance(p, ActivationId.random(), clock.instant().plusMillis(timeoutMs)));
        }
        return expired.size();
    }

    /** Reserves a pre-warmed instance when the version has none and memory is free. */
    private Optional<PooledInstance> prewarm(Prewarm plan) {
        FunctionVersion version = plan.version();
        if (ledger.hasLive(version.instanceKey()) || !ledger.reserveFree(version.config().memoryMb())) {
            return Optional.empty();
        }
        var p = new PooledInstance(version, app(version), version.config().perInstanceConcurrency());
        p.expiresAt = plan.unloadAt();
        ledger.touch(p);
        ledger.instances(version.instanceKey()).add(p);
        return Optional.of(p);
    }

    /**
     * Drops the idle instances of every version of {@code function} and marks busy ones to be dropped when
     * their last invocation ends; cancels its pre-warms. Called after a delete.
     */
    public void retire(String function) {
        retireWhere(version -> version.function().equals(function));
    }

    /**
     * Retires the instances of older revisions of {@code latest}'s {@code $LATEST}: the draft changed in place,
     * so its old code must stop serving and holding memory. Published versions keep their warm instances.
     */
    public void retireOlderDrafts(FunctionVersion latest) {
        retireWhere(version -> version.function().equals(latest.function())
                && version.version().equals(FunctionVersion.LATEST) && version.revision() != latest.revision());
    }

    private void retireWhere(Predicate<FunctionVersion> match) {
        List<PooledInstance> idle;
        lock.lock();
        try {
            idle = ledger.retire(match);
            prewarms.values().removeIf(plan -> match.test(plan.version()));
        } finally {
            lock.unlock();
        }
        closeAll(idle);
    }

    /** Counts of instances and memory, for metrics and the admin API. */
    public PoolSnapshot snapshot() {
        lock.lock();
        try {
            return ledger.snapshot();
        } finally {
            lock.unlock();
        }
    }

    /** Whether an instance was dropped since the last call; lets the runtime flush caches that pin loaders. */
    public boolean takeDropped() {
        lock.lock();
        try {
            return ledger.takeDropped();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new work and drops idle instances; running invocations finish and drop theirs. */
    public void close() {
        locked(() -> {
            closed = true;
            prewarms.clear();
        });
        retireWhere(version -> true);
        background.shutdown();
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private static void closeAll(List<PooledInstance> instances) {
        for (PooledInstance p : instances) {
            if (p.instance != null) {
                p.instance.close();
            }
        }
    }
}
