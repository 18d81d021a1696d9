package dev.kumo.server.compat.lambda;

import dev.kumo.async.AsyncRequest;
import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ErrorInfo;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.RejectReason;
import dev.kumo.core.event.Enqueued;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.spi.store.ActivationStore;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /2015-03-31/functions/{FunctionName}/invocations}, Lambda's Invoke. {@code X-Amz-Invocation-Type}
 * picks the path: {@code RequestResponse} (default) runs through the {@link Dispatcher} like Kumo's own invoke;
 * {@code Event} goes to the {@link AsyncRuntime} (durable queue, retries) and is answered 202 with an empty body;
 * {@code DryRun} only resolves the function and qualifier (204). Whatever the function does (returns, throws, times
 * out, gets input it cannot read) is a 200, with {@code X-Amz-Function-Error: Unhandled} and Lambda's error
 * document for a failure: SDKs retry 5xx, and a function error must not be retried by the client.
 */
final class LambdaInvokeRoutes {

    /** Request header: {@code RequestResponse}, {@code Event} or {@code DryRun}. */
    static final String INVOCATION_TYPE = "X-Amz-Invocation-Type";
    /** Request header: {@code Tail} asks for the end of the invocation's log. */
    static final String LOG_TYPE = "X-Amz-Log-Type";
    /** Response header: base64 of the last {@link #MAX_TAIL_BYTES} bytes of the invocation's log. */
    static final String LOG_RESULT = "X-Amz-Log-Result";
    /** Response header: {@code Unhandled} when the function failed. */
    static final String FUNCTION_ERROR = "X-Amz-Function-Error";
    /** Response header: the version that ran. */
    static final String EXECUTED_VERSION = "X-Amz-Executed-Version";
    /** Most bytes of log a {@code Tail} answer carries, as in Lambda. */
    static final int MAX_TAIL_BYTES = 4096;

    private final Dispatcher dispatcher;
    private final AsyncRuntime async;
    private final ActivationStore activations;
    private final JsonCodec json;
    private final InstantSource clock;
    private final long maxAsyncPayloadBytes;

    LambdaInvokeRoutes(Dispatcher dispatcher, AsyncRuntime async, ActivationStore activations, JsonCodec json,
                       InstantSource clock, long maxAsyncPayloadBytes) {
        this.dispatcher = dispatcher;
        this.async = async;
        this.activations = activations;
        this.json = json;
        this.clock = clock;
        this.maxAsyncPayloadBytes = maxAsyncPayloadBytes;
    }

    /** Whether a request asks for an {@code Event} invocation; never throws (it picks the body limit). */
    static boolean eventRequested(Optional<String> invocationType) {
        return invocationType.map(String::strip).filter("Event"::equals).isPresent();
    }

    Response invoke(Request r) {
        var ref = FunctionRef.of(r);
        String qualifier = ref.qualifierOrLatest();
        String type = r.header(INVOCATION_TYPE).map(String::strip).orElse("RequestResponse");
        boolean tail = tail(r);
        return switch (type) {
            case "RequestResponse" -> {
                requireJson(r.body());
                yield sync(r, new InvocationRequest(ref.name(), qualifier, r.body(), clock.instant()), tail);
            }
            case "Event" -> event(r, ref.name(), qualifier);
            case "DryRun" -> {
                dispatcher.resolve(ref.name(), qualifier); // 404 when the function or qualifier does not exist
                yield new Response(HttpResponseStatus.NO_CONTENT, Response.JSON, Map.of(), new byte[0]);
            }
            default -> throw LambdaErrors.invalidParameter(INVOCATION_TYPE + " must be RequestResponse, Event or"
                    + " DryRun, got '" + type + "'");
        };
    }

    private static boolean tail(Request r) {
        String logType = r.header(LOG_TYPE).map(String::strip).orElse("None");
        return switch (logType) {
            case "None" -> false;
            case "Tail" -> true;
            default -> throw LambdaErrors.invalidParameter(LOG_TYPE + " must be None or Tail, got '" + logType + "'");
        };
    }

    private Response sync(Request r, InvocationRequest request, boolean tail) {
        var recordedAtDeadline = new CountDownLatch(1);
        // At the deadline the function may still run: answer then, off the watchdog thread (the tail reads the store).
        var result = dispatcher.invoke(request, early -> {
            recordedAtDeadline.countDown();
            Thread.startVirtualThread(() -> r.respond(answer(early, tail)));
        });
        if (tail && result instanceof InvocationResult.TimedOut && activations.get(request.id()).isEmpty()) {
            // The runtime records a timeout at the deadline on its watchdog thread and only then calls early; the
            // invoking thread may return before that, so wait for the record the tail is read from.
            try {
                recordedAtDeadline.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer(result, tail);
    }

    /** The Lambda answer to a synchronous invocation; its request id is the activation id. */
    Response answer(InvocationResult result, boolean tail) {
        return switch (result) {
            case InvocationResult.Success s -> ran(s.activationId().value(), s.version(), tail, Optional.empty(),
                    s.output());
            case InvocationResult.FunctionError e -> ran(e.activationId().value(), e.version(), tail,
                    Optional.of("Unhandled"), errorDocument(e.error()));
            case InvocationResult.TimedOut t -> ran(t.activationId().value(), t.version(), tail,
                    Optional.of("Unhandled"), errorDocument(new ErrorInfo("Sandbox.Timedout", t.activationId().value()
                            + " Task timed out after " + String.format(Locale.ROOT, "%.2f", t.timeout().toMillis()
                            / 1000.0) + " seconds", List.of())));
            case InvocationResult.InvalidInput i -> ran(i.activationId().value(), i.version(), tail,
                    Optional.of("Unhandled"), errorDocument(new ErrorInfo("InvalidInput", i.message(), List.of())));
            case InvocationResult.Rejected j -> LambdaErrors.render(json, new ApiException(
                    HttpResponseStatus.TOO_MANY_REQUESTS, LambdaErrors.TOO_MANY, "", "Rate exceeded: " + j.message(),
                    Map.of("Retry-After", Long.toString(Math.max(1, j.retryAfter().toSeconds())),
                            "Reason", reason(j.reason()), LambdaErrors.REQUEST_ID, j.activationId().value())));
            case InvocationResult.NotFound n -> LambdaErrors.render(json, LambdaErrors.notFound(n.message()));
        };
    }

    private Response ran(String id, String version, boolean tail, Optional<String> functionError, byte[] body) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(LambdaErrors.REQUEST_ID, id);
        headers.put(EXECUTED_VERSION, version);
        functionError.ifPresent(e -> headers.put(FUNCTION_ERROR, e));
        if (tail) {
            headers.put(LOG_RESULT, Base64.getEncoder().encodeToString(tail(id)));
        }
        return new Response(HttpResponseStatus.OK, Response.JSON, headers, body);
    }

    /** The last {@link #MAX_TAIL_BYTES} of the activation's log, Lambda style, starting at a whole character. */
    private byte[] tail(String id) {
        var activation = activations.get(new ActivationId(id));
        if (activation.isEmpty()) {
            return new byte[0];
        }
        byte[] log = logText(activation.get()).getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, log.length - MAX_TAIL_BYTES);
        while (from < log.length && (log[from] & 0xC0) == 0x80) {
            from++;
        }
        return Arrays.copyOfRange(log, from, log.length);
    }

    /** The activation's log lines framed by Lambda's START, END and REPORT lines. */
    static String logText(Activation a) {
        var text = new StringBuilder();
        text.append("START RequestId: ").append(a.id().value()).append(" Version: ").append(a.version()).append('\n');
        a.logs().forEach(line -> text.append(line).append('\n'));
        text.append("END RequestId: ").append(a.id().value()).append('\n');
        text.append(String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                + "Memory Size: %d MB", a.id().value(), a.durationMs(), (long) Math.ceil(a.durationMs()), a.memoryMb()));
        if (a.initMs() > 0) {
            text.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", a.initMs()));
        }
        return text.append('\n').toString();
    }

    private byte[] errorDocument(ErrorInfo error) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("errorMessage", error.message());
        doc.put("errorType", error.errorType());
        doc.put("stackTrace", error.stackTrace());
        return json.write(doc);
    }

    private static String reason(RejectReason reason) {
        return switch (reason) {
            case FUNCTION_CONCURRENCY, MAX_INSTANCES -> "ReservedFunctionConcurrentInvocationLimitExceeded";
            case NODE_CONCURRENCY, MEMORY -> "ConcurrentInvocationLimitExceeded";
            case CALL_DEPTH, FAN_OUT -> "CallerRateLimitExceeded";
        };
    }

    private Response event(Request r, String name, String qualifier) {
        if (r.body().length > maxAsyncPayloadBytes) {
            throw LambdaErrors.tooLarge("Event payload of " + r.body().length + " bytes exceeds the limit of "
                    + maxAsyncPayloadBytes + " bytes");
        }
        requireJson(r.body());
        var enqueued = async.invoke(new AsyncRequest(name, qualifier, r.body(), Optional.empty(), Optional.empty(),
                "api"));
        var id = switch (enqueued) {
            case Enqueued.Accepted a -> a.id();
            // Only an idempotency key makes these, and Lambda's Invoke has none.
            case Enqueued.Duplicate d -> d.id();
            case Enqueued.Conflict c -> throw new IllegalStateException("conflict without an idempotency key");
        };
        return new Response(HttpResponseStatus.ACCEPTED, Response.JSON, Map.of(LambdaErrors.REQUEST_ID, id.value()),
                new byte[0]);
    }

    /** Lambda's payload must be one JSON value (an empty body means {@code null}). */
    private void requireJson(byte[] body) {
        json.singleValueProblem(body).ifPresent(problem -> {
            throw invalidContent(problem.detail());
        });
    }

    private static ApiException invalidContent(String why) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, LambdaErrors.INVALID_CONTENT,
                "Could not parse request body into json: " + why);
    }
}
