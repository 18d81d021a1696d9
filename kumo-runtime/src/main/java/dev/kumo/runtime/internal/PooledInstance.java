package dev.kumo.runtime.internal;

import dev.kumo.core.FunctionVersion;
import dev.kumo.spi.executor.FunctionInstance;
import dev.kumo.spi.executor.StartResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The pool's bookkeeping for one instance. Mutable fields are guarded by the pool's lock. An instance is
 * <em>live</em> while it sits in its version's list (it counts against {@code maxInstances} and may take
 * invocations); once retired it is out of the list but keeps its memory reserved until its last slot is
 * released, because code may still run on it.
 */
final class PooledInstance {

    final FunctionVersion version;
    final String app;
    final int memoryMb;
    final int capacity;
    /** Completes when the cold start ends; invocations that joined a starting instance wait on it. */
    final CompletableFuture<StartResult> startup = new CompletableFuture<>();

    FunctionInstance instance;
    boolean starting = true;
    int busy;
    long lastUse;
    Instant expiresAt = Instant.MAX;
    boolean retired;
    boolean freed;

    PooledInstance(FunctionVersion version, String app, int capacity) {
        this.version = version;
        this.app = app;
        this.memoryMb = version.config().memoryMb();
        this.capacity = capacity;
    }

    boolean idle() {
        return !starting && !retired && busy == 0;
    }

    boolean hasFreeSlot() {
        return !retired && busy < capacity;
    }

    FunctionInstance instance() {
        return instance;
    }
}
