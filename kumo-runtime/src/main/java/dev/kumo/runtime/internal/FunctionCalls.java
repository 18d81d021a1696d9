package dev.kumo.runtime.internal;

import dev.kumo.core.ActivationId;
import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.RejectReason;
import dev.kumo.function.InvocationException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls between functions inside this node ({@code ctx.invoke}): no HTTP, the child goes straight to the
 * dispatcher, on the caller's virtual thread (synchronous) or a fresh one (asynchronous). The input is
 * mapped to JSON by the same rules as a gateway request body, the output back with the runtime's mapper.
 *
 * <p>Each call carries the caller's activation id, its depth + 1 and the caller's deadline, so the child
 * cannot outlive the caller. Two bounds keep a recursive or runaway function from taking the node down: a
 * call deeper than {@code maxDepth}, or past {@code maxFanOut} calls in flight for one activation, is
 * refused at once and recorded as a rejected activation of the child.
 */
public final class FunctionCalls {

    /** Where calls go: the dispatcher. */
    public interface Target {

        /** Runs the call like any invocation: admission, instance, activation record. */
        InvocationResult invoke(InvocationRequest request);

        /** Records the call as refused for {@code reason} without running it. */
        InvocationResult refuse(InvocationRequest request, RejectReason reason, String message);
    }

    private static final ThreadFactory THREADS = Thread.ofVirtual()
            .name("kumo-call")
            .inheritInheritableThreadLocals(false)
            .factory();

    private final Target target;
    private final JsonMapper mapper;
    private final InstantSource clock;
    private final int maxDepth;
    private final int maxFanOut;

    /**
     * Creates the calls of one node.
     *
     * @param maxDepth  deepest call allowed (an invocation from outside is depth 0)
     * @param maxFanOut calls one activation may have in flight at once
     */
    public FunctionCalls(Target target, JsonMapper mapper, InstantSource clock, int maxDepth, int maxFanOut) {
        this.target = target;
        this.mapper = mapper;
        this.clock = clock;
        this.maxDepth = maxDepth;
        this.maxFanOut = maxFanOut;
    }

    /** The calls one activation makes; {@code loader} is its function's class loader. */
    Caller caller(ActivationId id, int depth, Instant deadline, ClassLoader loader) {
        return new Caller(this, id, depth, deadline, loader);
    }

    int maxFanOut() {
        return maxFanOut;
    }

    /** Runs {@code request} for {@code caller}, applying the bounds; the caller's permit is taken here. */
    InvocationResult run(Caller caller, InvocationRequest request) {
        var refused = admit(caller, request);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return target.invoke(request);
        } finally {
            caller.exit();
        }
    }

    /**
     * The recorded refusal of a call past the depth or fan-out bound; empty when the call may run, and then
     * it holds one of the caller's fan-out permits, to give back with {@link Caller#exit()}.
     */
    private Optional<InvocationResult> admit(Caller caller, InvocationRequest request) {
        if (request.depth() > maxDepth) {
            return Optional.of(target.refuse(request, RejectReason.CALL_DEPTH, "calls between functions may nest "
                    + "at most " + maxDepth + " deep; activation " + caller.id() + " runs " + caller.depth()
                    + " deep"));
        }
        if (!caller.enter()) {
            return Optional.of(target.refuse(request, RejectReason.FAN_OUT, "activation " + caller.id()
                    + " already has " + maxFanOut + " calls in flight, the most one activation may have"));
        }
        return Optional.empty();
    }

    /** Starts {@code request} on a virtual thread of its own; refusals complete the future at once. */
    <O> CompletableFuture<O> start(Caller caller, InvocationRequest request, Class<O> outputType) {
        var future = new CompletableFuture<O>();
        var refused = admit(caller, request);
        if (refused.isPresent()) {
            complete(future, refused.get(), outputType, caller.loader());
            return future;
        }
        THREADS.newThread(() -> {
            Thread.currentThread().setContextClassLoader(caller.loader());
            InvocationResult result;
            try {
                result = target.invoke(request);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
                return;
            } finally {
                caller.exit();
            }
            complete(future, result, outputType, caller.loader());
        }).start();
        return future;
    }

    private <O> void complete(CompletableFuture<O> future, InvocationResult result, Class<O> outputType,
                              ClassLoader loader) {
        try {
            future.complete(output(result, outputType, loader));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    /** The request for calling {@code function} ({@code name} or {@code name:qualifier}) with {@code input}. */
    InvocationRequest request(Caller caller, String function, Object input) {
        int colon = function.indexOf(':');
        String name = colon < 0 ? function : function.substring(0, colon);
        String qualifier = colon < 0 ? "$LATEST" : function.substring(colon + 1);
        byte[] payload;
        try {
            payload = PayloadCodec.toJson(mapper, input);
        } catch (InvalidOutputException | JacksonException e) {
            throw new IllegalArgumentException("cannot map the input of a call to '" + function + "' to JSON: "
                    + e.getMessage(), e);
        }
        try {
            return InvocationRequest.child(name, qualifier, payload, clock.instant(), caller.id(), caller.depth() + 1,
                    caller.deadline());
        } catch (InvalidRequestException e) {
            throw new InvocationException(InvocationException.Kind.NOT_FOUND, "NotFound",
                    "cannot call '" + function + "': " + e.getMessage(), Optional.empty());
        }
    }

    /** The output of a finished call mapped to {@code type}, or the exception that stands for its failure. */
    <O> O output(InvocationResult result, Class<O> type, ClassLoader loader) {
        return switch (result) {
            case InvocationResult.Success s -> read(s, type, loader);
            case InvocationResult.FunctionError e -> throw failure(InvocationException.Kind.FUNCTION_ERROR,
                    e.error().errorType(), e.error().message(), e.activationId());
            case InvocationResult.InvalidInput i -> throw failure(InvocationException.Kind.FUNCTION_ERROR,
                    "InvalidInput", i.message(), i.activationId());
            case InvocationResult.TimedOut t -> throw failure(InvocationException.Kind.TIMEOUT, "Timeout",
                    "the call ran past its deadline (timeout " + t.timeout().toMillis() + " ms, capped by the "
                            + "caller's deadline)", t.activationId());
            case InvocationResult.Rejected r -> throw failure(kind(r.reason()), r.reason().name(), r.message(),
                    r.activationId());
            case InvocationResult.NotFound n -> throw new InvocationException(InvocationException.Kind.NOT_FOUND,
                    "NotFound", n.message(), Optional.empty());
        };
    }

    private <O> O read(InvocationResult.Success success, Class<O> type, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return PayloadCodec.fromJson(mapper, success.output(), type);
        } catch (InvalidOutputException e) {
            throw failure(InvocationException.Kind.FUNCTION_ERROR, "InvalidOutput", e.getMessage(),
                    success.activationId());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static InvocationException.Kind kind(RejectReason reason) {
        return switch (reason) {
            case CALL_DEPTH -> InvocationException.Kind.DEPTH_EXCEEDED;
            case FAN_OUT -> InvocationException.Kind.FAN_OUT_EXCEEDED;
            case FUNCTION_CONCURRENCY, NODE_CONCURRENCY, MEMORY, MAX_INSTANCES -> InvocationException.Kind.REJECTED;
        };
    }

    private static InvocationException failure(InvocationException.Kind kind, String errorType, String message,
                                               ActivationId child) {
        return new InvocationException(kind, errorType, message, Optional.of(child.value()));
    }
}
