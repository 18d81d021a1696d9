package dev.kumo.server.routes;

import dev.kumo.async.AsyncRequest;
import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.ActivationId;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.Names;
import dev.kumo.core.event.Enqueued;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/functions/{name}/invoke}: the synchronous invoke, or with {@code mode=async} (or header
 * {@code Kumo-Invocation-Type: async}) the asynchronous one. A synchronous invocation goes to the
 * {@link Dispatcher}; a function still running at its deadline is answered 504 right then, through
 * {@link Request#respond(Response)}, even if it ignores the interrupt and runs on. An asynchronous one is
 * answered 202 once the {@link AsyncRuntime} has stored it durably.
 */
public final class InvokeRoutes {

    /** Response header: id of the activation. */
    public static final String ACTIVATION_ID = InvocationResponses.ACTIVATION_ID;
    /** Response header: the version that ran. */
    public static final String VERSION = InvocationResponses.VERSION;
    /** Response header: whether the invocation started an instance. */
    public static final String COLD_START = InvocationResponses.COLD_START;
    /** Request header: {@code async} or {@code sync}, like the {@code mode} query parameter. */
    public static final String INVOCATION_TYPE = "Kumo-Invocation-Type";
    /** Request header: the client's idempotency key of an asynchronous invocation. */
    public static final String IDEMPOTENCY_KEY = "Kumo-Idempotency-Key";
    /** Request header: where to POST the outcome of an asynchronous invocation. */
    public static final String CALLBACK_URL = "Kumo-Callback-Url";
    /** Response header: {@code true} when an idempotency key named an earlier invocation. */
    public static final String IDEMPOTENT_REPLAY = "Kumo-Idempotent-Replay";

    private final Dispatcher dispatcher;
    private final AsyncRuntime async;
    private final JsonCodec json;
    private final InstantSource clock;
    private final long maxAsyncPayloadBytes;
    private final InvocationResponses responses;

    /** Creates the route; asynchronous bodies may be at most {@code maxAsyncPayloadBytes}. */
    public InvokeRoutes(Dispatcher dispatcher, AsyncRuntime async, JsonCodec json, InstantSource clock,
                        long maxAsyncPayloadBytes) {
        this.dispatcher = dispatcher;
        this.async = async;
        this.json = json;
        this.clock = clock;
        this.maxAsyncPayloadBytes = maxAsyncPayloadBytes;
        this.responses = new InvocationResponses(json);
    }

    /** Registers the route. */
    public void register(Router router) {
        router.add(HttpMethod.POST, "/v1/functions/{name}/invoke", this::invoke);
    }

    /**
     * Whether a request asks for an asynchronous invocation: {@code mode} query parameter or
     * {@code Kumo-Invocation-Type} header, {@code sync} or {@code async} in any case; both absent is sync.
     * Also used to pick the body limit before the body is read, so it never throws: an invalid value counts
     * as sync here and is refused by the route.
     */
    public static boolean asyncRequested(Optional<String> mode, Optional<String> header) {
        return mode.or(() -> header).map(v -> v.equalsIgnoreCase("async")).orElse(false);
    }

    private Response invoke(Request r) {
        String name = Names.function(r.param("name"));
        String qualifier = r.query("qualifier").orElse(FunctionVersion.LATEST);
        if (mode(r)) {
            JsonBodies.requireAtMost(r.body(), maxAsyncPayloadBytes, "asynchronous payload");
            JsonBodies.requireJson(json, r.body());
            return enqueue(r, name, qualifier);
        }
        JsonBodies.requireJson(json, r.body());
        var request = new InvocationRequest(name, qualifier, r.body(), clock.instant());
        // A function past its deadline is answered at once (504), even if it ignores the interrupt and runs on.
        return responses.toHttp(dispatcher.invoke(request, early -> r.respond(responses.toHttp(early))));
    }

    /** True for async; 400 for a value that is neither, or for a query and header that disagree. */
    private static boolean mode(Request r) {
        var query = r.query("mode").map(v -> parseMode("mode", v));
        var header = r.header(INVOCATION_TYPE).map(v -> parseMode(INVOCATION_TYPE, v));
        if (query.isPresent() && header.isPresent() && !query.equals(header)) {
            throw ApiException.badRequest("mode", "mode=" + r.query("mode").orElseThrow() + " contradicts "
                    + INVOCATION_TYPE + ": " + r.header(INVOCATION_TYPE).orElseThrow());
        }
        return query.or(() -> header).orElse(false);
    }

    private static boolean parseMode(String field, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "async" -> true;
            case "sync" -> false;
            default -> throw ApiException.badRequest(field, field + " must be 'sync' or 'async', got '" + value + "'");
        };
    }

    private Response enqueue(Request r, String name, String qualifier) {
        var key = r.header(IDEMPOTENCY_KEY).map(String::strip); // validated by the async runtime
        var callback = r.header(CALLBACK_URL).map(String::strip);
        var enqueued = async.invoke(new AsyncRequest(name, qualifier, r.body(), key, callback, "api"));
        return switch (enqueued) {
            case Enqueued.Accepted a -> accepted(a.id(), Map.of());
            case Enqueued.Duplicate d -> accepted(d.id(), Map.of(IDEMPOTENT_REPLAY, "true"));
            case Enqueued.Conflict c -> throw new ApiException(HttpResponseStatus.CONFLICT, "IdempotencyConflict",
                    IDEMPOTENCY_KEY, "idempotency key '" + key.orElse("") + "' was used with another payload by "
                    + "activation " + c.id() + " within the idempotency window", Map.of(ACTIVATION_ID, c.id().value()));
        };
    }

    private Response accepted(ActivationId id, Map<String, String> more) {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put(ACTIVATION_ID, id.value());
        headers.putAll(more);
        return new Response(HttpResponseStatus.ACCEPTED, Response.JSON, headers,
                json.write(EventViews.QueuedView.of(id.value())));
    }
}
