package dev.kumo.process;

import dev.kumo.core.ErrorInfo;
import dev.kumo.core.Runtimes;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.executor.FunctionInstance;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started worker process serving one function version, one invocation at a time. An invocation hands the
 * event to the worker's endpoint and waits for the first of: the posted response or error, the process's exit
 * (a crash: {@code Runtime.ExitError}, or {@code Runtime.OutOfMemory}), the deadline (the process tree is
 * killed at once and {@code TimedOut} answered then, its {@code ended} completing when the process is gone).
 * After an exit or a kill the instance is no longer {@link #alive()} and the pool replaces it.
 */
final class ProcessInstance implements FunctionInstance {

    private final Worker worker;
    private final String runtime;
    private final InstantSource clock;
    private final ProcessExecutor executor;
    private volatile boolean dead;

    ProcessInstance(Worker worker, String runtime, InstantSource clock, ProcessExecutor executor) {
        this.worker = worker;
        this.runtime = runtime;
        this.clock = clock;
        this.executor = executor;
    }

    /** The worker's process id. */
    long pid() {
        return worker.pid();
    }

    @Override
    public int capacity() {
        return 1;
    }

    @Override
    public boolean alive() {
        return !dead && worker.alive();
    }

    @Override
    public ExecutionResult execute(Execution execution) {
        if (!alive()) {
            return new ExecutionResult.Threw(new ErrorInfo("Runtime.ExitError", "the worker process is gone",
                    List.of()), List.of());
        }
        ActivationLog log = executor.newLog();
        worker.output().attribute(log);
        RuntimeEndpoint endpoint = worker.endpoint();
        CompletableFuture<WorkerReply> reply = endpoint.submit(Invocation.of(execution.activationId().value(),
                execution.payload(), execution.deadline().toEpochMilli()));
        Object first;
        try {
            long waitMs = Math.max(0, Duration.between(clock.instant(), execution.deadline()).toMillis());
            first = CompletableFuture.anyOf(reply, worker.exited()).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(endpoint, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut(endpoint, log);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (first instanceof WorkerReply r) {
            worker.output().settle();
            worker.output().attribute(null);
            return switch (r) {
                case WorkerReply.Response(byte[] body) -> new ExecutionResult.Returned(body, log.drain());
                case WorkerReply.Error(ErrorInfo error) when Runtimes.JAVA.equals(runtime)
                        && error.errorType().equals("InvalidInput") ->
                        new ExecutionResult.InvalidInput(error.message(), log.drain());
                case WorkerReply.Error(ErrorInfo error) -> new ExecutionResult.Threw(error, log.drain());
                case WorkerReply.TooLarge(long bytes) -> new ExecutionResult.Threw(new ErrorInfo(
                        "Function.ResponseSizeTooLarge", "Response payload size" + (bytes >= 0 ? " (" + bytes
                        + " bytes)" : "") + " exceeded maximum allowed payload size (" + RuntimeApi.MAX_PAYLOAD_BYTES
                        + " bytes).", List.of()), log.drain());
            };
        }
        dead = true;
        endpoint.abandon();
        Worker.Death death = worker.death(Runtimes.JAVA.equals(runtime));
        worker.output().attribute(null);
        executor.retire(worker);
        return new ExecutionResult.Threw(ProcessExecutor.exitError(death, "while running the invocation"),
                log.drain());
    }

    private ExecutionResult timedOut(RuntimeEndpoint endpoint, ActivationLog log) {
        dead = true;
        worker.kill();
        endpoint.abandon();
        worker.output().attribute(null);
        CompletableFuture<Void> ended = worker.exited().thenRun(() -> executor.retire(worker));
        return new ExecutionResult.TimedOut(log.drain(), ended);
    }

    @Override
    public void close() {
        dead = true;
        executor.retire(worker);
    }
}
