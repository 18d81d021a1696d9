package dev.kumo.server.routes;

import dev.kumo.core.InvocationResult;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the sealed {@link InvocationResult} of a synchronous invocation into HTTP with one exhaustive switch;
 * shared by the invoke route and the function URLs, so both answer failures alike.
 */
public final class InvocationResponses {

    /** Response header: id of the activation. */
    public static final String ACTIVATION_ID = "Kumo-Activation-Id";
    /** Response header: the version that ran. */
    public static final String VERSION = "Kumo-Version";
    /** Response header: whether the invocation started an instance. */
    public static final String COLD_START = "Kumo-Cold-Start";

    private final JsonCodec json;

    /** Renders error bodies with {@code json}. */
    public InvocationResponses(JsonCodec json) {
        this.json = json;
    }

    /** 200 with the output for a success; the documented error answer otherwise. */
    public Response toHttp(InvocationResult result) {
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
}
