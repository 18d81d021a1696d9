package dev.kumo.server.routes;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.core.Names;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /v1/functions/{name}/invoke}: the synchronous invoke. Checks that the body is JSON, hands the
 * request to the {@link Dispatcher}, and turns the sealed {@link InvocationResult} into HTTP with one
 * exhaustive switch. A function still running at its deadline is answered 504 right then, through
 * {@link Request#respond(Response)}, even if it ignores the interrupt and runs on.
 */
public final class InvokeRoutes {

    /** Response header: id of the activation. */
    public static final String ACTIVATION_ID = "Kumo-Activation-Id";
    /** Response header: the version that ran. */
    public static final String VERSION = "Kumo-Version";
    /** Response header: whether the invocation started an instance. */
    public static final String COLD_START = "Kumo-Cold-Start";

    private final Dispatcher dispatcher;
    private final JsonCodec json;
    private final InstantSource clock;

    /** Creates the route. */
    public InvokeRoutes(Dispatcher dispatcher, JsonCodec json, InstantSource clock) {
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    /** Registers the route. */
    public void register(Router router) {
        router.add(HttpMethod.POST, "/v1/functions/{name}/invoke", this::invoke);
    }

    private Response invoke(Request r) {
        String name = Names.function(r.param("name"));
        requireJson(r.body());
        var request = new InvocationRequest(name, r.query("qualifier").orElse(FunctionVersion.LATEST), r.body(),
                clock.instant());
        // A function past its deadline is answered at once (504), even if it ignores the interrupt and runs on.
        return toHttp(dispatcher.invoke(request, early -> r.respond(toHttp(early))));
    }

    private Response toHttp(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> new Response(HttpResponseStatus.OK, Response.JSON, Map.of(
                    ACTIVATION_ID, s.activationId().value(), VERSION, s.version(),
                    COLD_START, Boolean.toString(s.coldStart())), s.output());
            case InvocationResult.FunctionError e -> {
                var error = new LinkedHashMap<String, Object>();
                error.put("code", "FunctionError");
                error.put("message", e.error().message());
                error.put("errorType", e.error().errorType());
                error.put("stackTrace", e.error().stackTrace());
                yield json.error(HttpResponseStatus.BAD_GATEWAY, error, Map.of(ACTIVATION_ID, e.activationId().value(),
                        VERSION, e.version(), COLD_START, Boolean.toString(e.coldStart())));
            }
            case InvocationResult.TimedOut t -> json.error(HttpResponseStatus.GATEWAY_TIMEOUT,
                    Map.of("code", "Timeout", "message", "function timed out after " + t.timeout().toMillis() + " ms"),
                    Map.of(ACTIVATION_ID, t.activationId().value(), VERSION, t.version()));
            case InvocationResult.Rejected j -> json.error(HttpResponseStatus.TOO_MANY_REQUESTS,
                    Map.of("code", "TooManyRequests", "reason", j.reason().name(), "message", j.message()),
                    Map.of(ACTIVATION_ID, j.activationId().value(),
                            "Retry-After", Long.toString(Math.max(1, j.retryAfter().toSeconds()))));
            case InvocationResult.InvalidInput i -> json.error(HttpResponseStatus.BAD_REQUEST,
                    Map.of("code", "InvalidRequest", "field", "body", "message", i.message()),
                    Map.of(ACTIVATION_ID, i.activationId().value(), VERSION, i.version()));
            case InvocationResult.NotFound n -> json.error(ApiException.notFound(n.message()));
        };
    }

    /** Rejects a body that is not one well-formed JSON value (an empty body means {@code null}). */
    private void requireJson(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try (var parser = json.mapper().createParser(body)) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("body", "request body must be a single JSON value");
            }
        } catch (JacksonException e) {
            throw ApiException.badRequest("body", "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
