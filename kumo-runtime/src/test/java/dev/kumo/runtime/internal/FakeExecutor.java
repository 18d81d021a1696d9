package dev.kumo.runtime.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.Tier;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.FunctionExecutor;
import dev.kumo.spi.executor.FunctionInstance;
import dev.kumo.spi.executor.InstanceSpec;
import dev.kumo.spi.executor.StartResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An executor whose instances do nothing; starts can be held back or made to fail. */
final class FakeExecutor implements FunctionExecutor {

    final AtomicInteger starts = new AtomicInteger();
    final List<Instance> instances = new CopyOnWriteArrayList<>();
    volatile CountDownLatch startGate = new CountDownLatch(0);
    volatile boolean failStarts;

    /** An instance that answers {@code "ok"} and remembers being closed. */
    static final class Instance implements FunctionInstance {

        final int capacity;
        volatile boolean closed;

        Instance(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public ExecutionResult execute(Execution execution) {
            return new ExecutionResult.Returned(new byte[] {'1'}, List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public Tier tier() {
        return Tier.SHARED;
    }

    @Override
    public StartResult start(InstanceSpec spec, ActivationId trigger, Instant deadline) {
        starts.incrementAndGet();
        try {
            startGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failStarts) {
            return new StartResult.Failed(new ErrorInfo("java.lang.IllegalStateException", "nope", List.of()),
                    List.of("init log"));
        }
        var instance = new Instance(spec.version().config().perInstanceConcurrency());
        instances.add(instance);
        return new StartResult.Started(instance, List.of());
    }
}
