package dev.kumo.runtime.internal;

import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.FunctionInstance;
import java.util.List;
import java.util.Optional;

/**
 * A loaded handler plus its class loader. Holds no per-invocation state, so a shared-tier instance serves
 * concurrent invocations without locking; each gets its own context and log and runs on its caller's
 * (virtual) thread, see {@link TimedRun#inline}. The log is drained at the deadline, so the lines handed to
 * {@link Execution#onTimeout()} are the ones the final {@code TimedOut} carries.
 */
final class InJvmInstance implements FunctionInstance {

    private final FunctionVersion version;
    private final int capacity;
    private final InJvmExecutor executor;
    private volatile HandlerAdapter adapter;
    private volatile ClassLoader loader;

    InJvmInstance(FunctionVersion version, int capacity, HandlerAdapter adapter, ClassLoader loader,
                  InJvmExecutor executor) {
        this.version = version;
        this.capacity = capacity;
        this.adapter = adapter;
        this.loader = loader;
        this.executor = executor;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public ExecutionResult execute(Execution execution) {
        HandlerAdapter handler = adapter;
        ClassLoader classLoader = loader;
        if (handler == null || classLoader == null) {
            throw new IllegalStateException("instance of " + version.instanceKey() + " was closed");
        }
        LogBuffer logs = executor.newLog();
        var caller = executor.calls().caller(execution.activationId(), execution.depth(), execution.deadline(),
                classLoader);
        var ctx = new InvocationContext(execution.activationId().value(), version, execution.deadline(),
                executor.clock(), logs, Optional.of(caller));
        byte[] payload = execution.payload();
        var outcome = TimedRun.inline(() -> handler.invoke(payload, ctx), classLoader, logs, execution.deadline(),
                executor.clock(), executor.watchdog(), () -> execution.onTimeout().accept(logs.drain()));
        return switch (outcome) {
            case TimedRun.Done<byte[]>(var output) -> new ExecutionResult.Returned(output, logs.drain());
            case TimedRun.Threw<byte[]>(InvalidOutputException e) -> new ExecutionResult.Threw(
                    new ErrorInfo("InvalidOutput", e.getMessage(), List.of()), logs.drain());
            case TimedRun.Threw<byte[]>(InvalidInputException e) ->
                    new ExecutionResult.InvalidInput(e.getMessage(), logs.drain());
            case TimedRun.Threw<byte[]>(var error) ->
                    new ExecutionResult.Threw(ErrorInfo.of(error), logs.drain());
            case TimedRun.Expired<byte[]>(var ended) -> new ExecutionResult.TimedOut(logs.drain(), ended);
        };
    }

    @Override
    public void close() {
        adapter = null;
        loader = null;
    }
}
