package dev.kumo.async.testing;

import dev.kumo.async.InvocationTarget;
import dev.kumo.core.Activation;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.AsyncConfig;
import dev.kumo.core.CodeRef;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.NotFoundException;
import dev.kumo.core.RejectReason;
import dev.kumo.core.Tier;
import dev.kumo.spi.store.ActivationStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Stands in for the dispatcher: functions are scripted {@link Behaviour}s; like the dispatcher it refuses a
 * call past the function's {@code maxInFlight} ({@code Rejected}), records each attempt's activation under
 * the request's id and attempt number, and counts calls and the most concurrent ones.
 */
public final class FakeTarget implements InvocationTarget {

    /** What a function does on its {@code call}-th call (1 for the first). */
    @FunctionalInterface
    public interface Behaviour {

        /** The result; may call {@code early} first, like the dispatcher's watchdog. */
        InvocationResult run(InvocationRequest request, int call, Consumer<InvocationResult> early)
                throws InterruptedException;
    }

    private static final CodeRef CODE = new CodeRef("0".repeat(64), 0);

    private final ActivationStore activations;
    private final ConcurrentHashMap<String, Function> functions = new ConcurrentHashMap<>();

    private record Function(FunctionVersion version, Behaviour behaviour, AtomicInteger calls, AtomicInteger running,
                            AtomicInteger maxRunning, AtomicInteger rejected, List<InvocationRequest> requests) {
    }

    /** Records activations into {@code activations}. */
    public FakeTarget(ActivationStore activations) {
        this.activations = activations;
    }

    /** Deploys {@code name} with default limits and async settings. */
    public FunctionVersion deploy(String name, Behaviour behaviour) {
        return deploy(name, 16, AsyncConfig.DEFAULTS, behaviour);
    }

    /** Deploys {@code name} running at most {@code maxInFlight} calls at once. */
    public FunctionVersion deploy(String name, int maxInFlight, AsyncConfig async, Behaviour behaviour) {
        var config = new FunctionConfig("test.Handler", "java", 256, 1_000, maxInFlight, 1, Tier.SHARED, Map.of(), "",
                async);
        var version = new FunctionVersion(name, FunctionVersion.LATEST, config, CODE, Instant.EPOCH, 1);
        functions.put(name, new Function(version, behaviour, new AtomicInteger(), new AtomicInteger(),
                new AtomicInteger(), new AtomicInteger(), new CopyOnWriteArrayList<>()));
        return version;
    }

    /** Deletes {@code name}. */
    public void remove(String name) {
        functions.remove(name);
    }

    /** Calls that ran (rejections excluded). */
    public int calls(String name) {
        return functions.get(name).calls().get();
    }

    /** The most calls of {@code name} that ran at once. */
    public int maxConcurrent(String name) {
        return functions.get(name).maxRunning().get();
    }

    /** Calls refused because {@code maxInFlight} calls were running. */
    public int rejected(String name) {
        return functions.get(name).rejected().get();
    }

    /** Requests that ran, in order. */
    public List<InvocationRequest> requests(String name) {
        return List.copyOf(functions.get(name).requests());
    }

    @Override
    public FunctionVersion resolve(String function, String qualifier) {
        Function f = functions.get(function);
        if (f == null) {
            throw new NotFoundException("function '" + function + "' not found");
        }
        return f.version();
    }

    @Override
    public InvocationResult invoke(InvocationRequest request, Consumer<InvocationResult> early) {
        Function f = functions.get(request.function());
        if (f == null) {
            return new InvocationResult.NotFound("function '" + request.function() + "' not found");
        }
        FunctionVersion v = f.version();
        if (f.running().incrementAndGet() > v.config().maxInFlight()) {
            f.running().decrementAndGet();
            f.rejected().incrementAndGet();
            var rejected = new InvocationResult.Rejected(request.id(), RejectReason.FUNCTION_CONCURRENCY,
                    Duration.ofMillis(5), "busy");
            record(request, v, ActivationStatus.REJECTED, Optional.empty(), Optional.empty());
            return rejected;
        }
        f.maxRunning().accumulateAndGet(f.running().get(), Math::max);
        f.requests().add(request);
        int call = f.calls().incrementAndGet();
        // Like the dispatcher: a timeout reported early is recorded first, and nothing is recorded after it.
        var reported = new AtomicBoolean();
        Consumer<InvocationResult> recordingEarly = timedOut -> {
            reported.set(true);
            record(request, v, ActivationStatus.TIMEOUT, Optional.empty(),
                    Optional.of(new ErrorInfo("Timeout", "timed out", List.of())));
            early.accept(timedOut);
        };
        try {
            InvocationResult result = f.behaviour().run(request, call, recordingEarly);
            if (reported.get()) {
                return result;
            }
            switch (result) {
                case InvocationResult.Success s -> record(request, v, ActivationStatus.SUCCESS,
                        Optional.of(new String(s.output(), StandardCharsets.UTF_8)), Optional.empty());
                case InvocationResult.FunctionError e -> record(request, v, ActivationStatus.ERROR, Optional.empty(),
                        Optional.of(e.error()));
                case InvocationResult.TimedOut t -> record(request, v, ActivationStatus.TIMEOUT, Optional.empty(),
                        Optional.of(new ErrorInfo("Timeout", "timed out", List.of())));
                case InvocationResult.InvalidInput i -> record(request, v, ActivationStatus.ERROR, Optional.empty(),
                        Optional.of(new ErrorInfo("InvalidInput", i.message(), List.of())));
                case InvocationResult.Rejected r -> record(request, v, ActivationStatus.REJECTED, Optional.empty(),
                        Optional.empty());
                case InvocationResult.NotFound n -> {
                }
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationResult.TimedOut(request.id(), v.version(), Duration.ofSeconds(1));
        } finally {
            f.running().decrementAndGet();
        }
    }

    private void record(InvocationRequest request, FunctionVersion version, ActivationStatus status,
                        Optional<String> result, Optional<ErrorInfo> error) {
        activations.record(new Activation(request.id(), request.function(), version.version(), status, false,
                request.received(), 1.5, 0, 0, 256, request.payload().length, result.map(String::length).orElse(0),
                result, error, List.of("attempt " + request.attempt()), request.attempt(), List.of()));
    }

    // Behaviours.

    /** Returns {@code output}. */
    public static Behaviour returning(String output) {
        return (request, call, early) -> success(request, output);
    }

    /** Returns its payload. */
    public static Behaviour echo() {
        return (request, call, early) -> success(request, new String(request.payload(), StandardCharsets.UTF_8));
    }

    /** Throws on the first {@code failures} calls, then returns {@code "ok"}. */
    public static Behaviour failingTimes(int failures) {
        return (request, call, early) -> call <= failures ? error(request, "failure " + call)
                : success(request, "\"ok\"");
    }

    /** Always throws. */
    public static Behaviour failing() {
        return (request, call, early) -> error(request, "always fails");
    }

    /** Refuses the payload. */
    public static Behaviour invalidInput() {
        return (request, call, early) -> new InvocationResult.InvalidInput(request.id(), "$LATEST", "bad input");
    }

    /** Waits for {@code gate}, then returns {@code "ok"}. */
    public static Behaviour waitingFor(CountDownLatch gate) {
        return (request, call, early) -> {
            gate.await();
            return success(request, "\"ok\"");
        };
    }

    /**
     * Times out on the first call, reporting it early while keeping its thread (it ignores interrupts) until
     * {@code release}; later calls return {@code "ok"}.
     */
    public static Behaviour stuckOnce(CountDownLatch release) {
        return (request, call, early) -> {
            if (call > 1) {
                return success(request, "\"ok\"");
            }
            var timedOut = new InvocationResult.TimedOut(request.id(), "$LATEST", Duration.ofMillis(1));
            early.accept(timedOut);
            while (true) {
                try {
                    release.await();
                    return timedOut;
                } catch (InterruptedException ignored) {
                    // Ignores the interrupt, like a function that swallows it.
                }
            }
        };
    }

    private static InvocationResult success(InvocationRequest request, String output) {
        return new InvocationResult.Success(request.id(), "$LATEST", false, output.getBytes(StandardCharsets.UTF_8));
    }

    private static InvocationResult error(InvocationRequest request, String message) {
        return new InvocationResult.FunctionError(request.id(), "$LATEST", false,
                new ErrorInfo("java.lang.IllegalStateException", message, List.of()));
    }
}
