package dev.kumo.runtime.internal;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.RejectReason;
import dev.kumo.spi.executor.Execution;
import dev.kumo.spi.executor.ExecutionResult;
import dev.kumo.spi.store.ActivationStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one admitted invocation: takes an instance from the pool (cold-starting one when needed), runs the
 * handler against its deadline, gives the slot back, and records the activation and metrics for every
 * outcome. The handler's deadline is measured from when it starts, so a cold start does not eat into the
 * function's timeout; the cold start itself is bounded by the same timeout from admission.
 *
 * <p>The handler runs on the calling thread. At its deadline the caller's {@code early} callback gets the
 * timed-out result; a function still running at deadline + grace is recorded and its instance discarded
 * from the watchdog side (see {@link Overtime}).
 */
public final class Invoker {

    private static final System.Logger LOG = System.getLogger(Invoker.class.getName());
    private static final int MAX_RESULT_BYTES = Activation.MAX_RESULT_CHARS * 3;

    private final InstancePool pool;
    private final ActivationStore activations;
    private final RuntimeMetrics metrics;
    private final InstantSource clock;
    private final Watchdog watchdog;
    private final long graceNanos;
    private final Duration retryAfter;

    /**
     * Creates an invoker over {@code pool} that records into {@code activations}.
     *
     * @param watchdog fires the deadline + grace alarms of invocations that run past their deadline
     * @param grace    how long a timed-out function may keep running before its instance is discarded and
     *                 its timeout recorded without waiting for it
     */
    public Invoker(InstancePool pool, ActivationStore activations, RuntimeMetrics metrics, InstantSource clock,
                   Watchdog watchdog, Duration grace, Duration retryAfter) {
        this.pool = pool;
        this.activations = activations;
        this.metrics = metrics;
        this.clock = clock;
        this.watchdog = watchdog;
        this.graceNanos = grace.toNanos();
        this.retryAfter = retryAfter;
    }

    /**
     * Runs {@code request} on {@code version}.
     *
     * @param admitted      when the dispatcher admitted it
     * @param admittedNanos {@link System#nanoTime()} at that moment
     * @param early         gets the timed-out result at the deadline while the function still runs; called at
     *                      most once, on the watchdog thread, so it must be quick and must not block
     */
    public InvocationResult invoke(FunctionVersion version, InvocationRequest request, Instant admitted,
                                   long admittedNanos, Consumer<InvocationResult> early) {
        var id = request.id();
        long timeoutMs = version.config().timeoutMs();
        return switch (pool.acquire(version, id, request.capDeadline(admitted.plusMillis(timeoutMs)))) {
            case Acquisition.Leased lease -> run(version, request, id, admitted, admittedNanos, lease, early);
            case Acquisition.Rejected r -> reject(version, request, id, admitted, r.reason(), r.message());
            case Acquisition.StartFailed f -> {
                countColdStart(version, f.coldStart());
                record(version, id, ActivationStatus.INIT_ERROR, f.coldStart(), admitted, 0, f.initNanos(),
                        queueNanos(request, admitted, System.nanoTime() - admittedNanos, f.initNanos()), request, null,
                        f.error(), f.logs());
                yield new InvocationResult.FunctionError(id, version.version(), f.coldStart(), f.error());
            }
            case Acquisition.StartTimedOut t -> {
                countColdStart(version, t.coldStart());
                record(version, id, ActivationStatus.TIMEOUT, t.coldStart(), admitted, 0, t.initNanos(),
                        queueNanos(request, admitted, System.nanoTime() - admittedNanos, t.initNanos()), request, null,
                        timeoutError("initialization", timeoutMs), t.logs());
                yield timedOut(id, version.version(), timeoutMs);
            }
        };
    }

    /** Records and answers an invocation refused by a limit. */
    public InvocationResult reject(FunctionVersion version, InvocationRequest request, Instant admitted,
                                   RejectReason reason, String message) {
        return reject(version, request, request.id(), admitted, reason, message);
    }

    private InvocationResult reject(FunctionVersion version, InvocationRequest request, ActivationId id,
                                    Instant admitted, RejectReason reason, String message) {
        metrics.rejected(version.function(), reason);
        record(version, id, ActivationStatus.REJECTED, false, admitted, 0, 0, 0, request, null,
                new ErrorInfo(reason.name(), message, List.of()), List.of());
        return new InvocationResult.Rejected(id, reason, retryAfter, message);
    }

    private InvocationResult run(FunctionVersion version, InvocationRequest request, ActivationId id,
                                 Instant admitted, long admittedNanos, Acquisition.Leased lease,
                                 Consumer<InvocationResult> early) {
        countColdStart(version, lease.coldStart());
        long timeoutMs = version.config().timeoutMs();
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        long queueNanos = queueNanos(request, admitted, startNanos - admittedNanos, lease.initNanos());
        boolean cold = lease.coldStart();
        String v = version.version();
        var overtime = new Overtime(watchdog, graceNanos) {
            @Override
            void late(List<String> logs) {
                record(version, id, ActivationStatus.TIMEOUT, cold, admitted, System.nanoTime() - startNanos,
                        lease.initNanos(), queueNanos, request, null, timeoutError("invocation", timeoutMs),
                        withInitLogs(lease, logs));
                early.accept(timedOut(id, v, timeoutMs));
            }

            @Override
            void abandoned() {
                pool.discard(lease.slot());
            }
        };
        Instant deadline = request.capDeadline(start.plusMillis(timeoutMs));
        ExecutionResult result;
        try {
            result = lease.slot().instance().execute(new Execution(id, request.payload(), deadline, overtime,
                    request.depth()));
        } catch (RuntimeException | Error e) {
            overtime.returned();
            pool.release(lease.slot(), start, clock.instant());
            throw e;
        }
        long runNanos = System.nanoTime() - startNanos;
        Instant end = clock.instant();
        if (!overtime.returned() || overtime.wasLate()) {
            // The deadline came first: the timeout was recorded (and answered) then; past deadline + grace the
            // watchdog also discarded the instance.
            release(lease, result, start, end);
            return timedOut(id, v, timeoutMs);
        }
        List<String> logs = withInitLogs(lease, result.logs());
        release(lease, result, start, end);
        return switch (result) {
            case ExecutionResult.Returned r -> {
                record(version, id, ActivationStatus.SUCCESS, cold, admitted, runNanos, lease.initNanos(), queueNanos,
                        request, r.output(), null, logs);
                yield new InvocationResult.Success(id, v, cold, r.output());
            }
            // Thrown at or after the deadline: the interrupt of a deadline (its own, or its caller's when it runs
            // on the caller's thread) ended it, so it timed out, whatever the function made of the interrupt.
            case ExecutionResult.Threw t when !end.isBefore(deadline) -> {
                record(version, id, ActivationStatus.TIMEOUT, cold, admitted, runNanos, lease.initNanos(), queueNanos,
                        request, null, timeoutError("invocation", timeoutMs), logs);
                yield timedOut(id, v, timeoutMs);
            }
            case ExecutionResult.Threw t -> {
                record(version, id, ActivationStatus.ofError(t.error()), cold, admitted, runNanos, lease.initNanos(),
                        queueNanos, request, null, t.error(), logs);
                yield new InvocationResult.FunctionError(id, v, cold, t.error());
            }
            case ExecutionResult.InvalidInput i -> {
                record(version, id, ActivationStatus.ERROR, cold, admitted, runNanos, lease.initNanos(), queueNanos,
                        request, null, new ErrorInfo("InvalidInput", i.message(), List.of()), logs);
                yield new InvocationResult.InvalidInput(id, v, i.message());
            }
            case ExecutionResult.TimedOut t -> {
                record(version, id, ActivationStatus.TIMEOUT, cold, admitted, runNanos, lease.initNanos(), queueNanos,
                        request, null, timeoutError("invocation", timeoutMs), logs);
                yield timedOut(id, v, timeoutMs);
            }
        };
    }

    /** Gives the slot back; after a timeout, only once the function's thread really ended (see the pool). */
    private void release(Acquisition.Leased lease, ExecutionResult result, Instant start, Instant end) {
        if (result instanceof ExecutionResult.TimedOut t) {
            pool.releaseAfterTimeout(lease.slot(), t.ended(), start, end);
        } else {
            pool.release(lease.slot(), start, end);
        }
    }

    private static InvocationResult.TimedOut timedOut(ActivationId id, String version, long timeoutMs) {
        return new InvocationResult.TimedOut(id, version, Duration.ofMillis(timeoutMs));
    }

    private static List<String> withInitLogs(Acquisition.Leased lease, List<String> logs) {
        return lease.initLogs().isEmpty() ? logs : concat(lease.initLogs(), logs);
    }

    private void countColdStart(FunctionVersion version, boolean cold) {
        if (cold) {
            metrics.coldStart(version.function());
        }
    }

    private static long queueNanos(InvocationRequest request, Instant admitted, long sinceAdmission, long initNanos) {
        long beforeAdmission = Math.max(0, Duration.between(request.received(), admitted).toNanos());
        return beforeAdmission + Math.max(0, sinceAdmission - initNanos);
    }

    private static ErrorInfo timeoutError(String what, long timeoutMs) {
        return new ErrorInfo("Timeout", "the " + what + " ran past the function's timeout of " + timeoutMs + " ms",
                List.of());
    }

    private void record(FunctionVersion version, ActivationId id, ActivationStatus status, boolean cold,
                        Instant start, long runNanos, long initNanos, long queueNanos, InvocationRequest request,
                        byte[] output, ErrorInfo error, List<String> logs) {
        if (status != ActivationStatus.REJECTED) {
            metrics.invocation(version.function(), status, runNanos);
        }
        var activation = new Activation(id, version.function(), version.version(), status, cold, start,
                runNanos / 1e6, initNanos / 1e6, queueNanos / 1e6, version.config().memoryMb(),
                request.payload().length, output == null ? 0 : output.length,
                output == null ? Optional.empty() : Optional.of(resultText(output)),
                Optional.ofNullable(error), logs, request.attempt(), List.of(), request.parentId());
        try {
            activations.record(activation);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot record activation " + id + " of " + version.function(), e);
        }
    }

    private static String resultText(byte[] output) {
        return new String(output, 0, Math.min(output.length, MAX_RESULT_BYTES), StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<String>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
