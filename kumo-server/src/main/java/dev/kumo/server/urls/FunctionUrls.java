package dev.kumo.server.urls;

import dev.kumo.core.ActivationId;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import dev.kumo.runtime.Dispatcher;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.routes.InvocationResponses;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves every request under the routes prefix: picks the most specific route from the {@link RouteTable},
 * invokes its function synchronously through the {@link Dispatcher} with the request as a {@link UrlEvent}
 * (so limits, timeouts and the 504 at the deadline apply as to {@code /invoke}), and answers with what the
 * function returned ({@link UrlResponse}). No route for the path is a 404, a route for another method a 405.
 */
public final class FunctionUrls {

    private final String prefix;
    private final RouteTable table;
    private final Dispatcher dispatcher;
    private final JsonCodec json;
    private final InstantSource clock;
    private final InvocationResponses responses;

    /** Serves the routes of {@code table} under {@code prefix} (such as {@code /fn}). */
    public FunctionUrls(String prefix, RouteTable table, Dispatcher dispatcher, JsonCodec json, InstantSource clock) {
        this.prefix = prefix;
        this.table = table;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
        this.responses = new InvocationResponses(json);
    }

    /** The prefix handler. */
    public Response serve(Request r) {
        String uri = r.uri();
        int q = uri.indexOf('?');
        String rawFull = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        String rawPath = rawFull.startsWith(prefix) ? rawFull.substring(prefix.length())
                : r.path().substring(prefix.length());
        String path = r.path().substring(prefix.length());
        if (rawPath.isEmpty()) {
            rawPath = "/";
            path = "/";
        }
        String method = r.method().name();
        return switch (table.match(method, segments(rawPath))) {
            case RouteTable.Match.None n -> throw ApiException.notFound("no route for " + method + " " + rawPath
                    + " under " + prefix);
            case RouteTable.Match.WrongMethod w -> {
                String allow = String.join(", ", w.allowed());
                throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed", "",
                        method + " is not allowed on " + prefix + rawPath + "; allowed: " + allow, Map.of("Allow", allow));
            }
            case RouteTable.Match.Found f -> invoke(r, f, rawPath, path, rawQuery);
        };
    }

    private Response invoke(Request r, RouteTable.Match.Found f, String rawPath, String path, String rawQuery) {
        var route = f.route();
        var id = ActivationId.random();
        var received = clock.instant();
        var event = UrlEvent.of(route, r.method().name(), rawPath, path, rawQuery, r.query(), f.params(),
                r.headers(), r.body(), r.sourceIp(), id, received.toEpochMilli());
        var request = new InvocationRequest(route.function(), route.qualifier(), json.write(event), received, id, 1);
        var result = dispatcher.invoke(request, early -> r.respond(responses.toHttp(early)));
        if (result instanceof InvocationResult.Success s) {
            var headers = new LinkedHashMap<String, String>();
            headers.put(InvocationResponses.ACTIVATION_ID, s.activationId().value());
            return UrlResponse.of(json.mapper(), s.output(), headers).orElseGet(() -> json.error(
                    HttpResponseStatus.BAD_GATEWAY, Map.of("code", "FunctionError", "message",
                            "the function returned a statusCode response that is not valid (statusCode 100-599, "
                                    + "body a string, base64 when isBase64Encoded)"), headers));
        }
        return responses.toHttp(result);
    }

    /** Decoded segments of a path; one trailing slash is ignored. */
    static List<String> segments(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        var out = new ArrayList<String>();
        if (p.isEmpty()) {
            return out;
        }
        for (String s : p.split("/", -1)) {
            // '+' is a literal in a path, not a space as in a query string.
            out.add(QueryStringDecoder.decodeComponent(s.replace("+", "%2B")));
        }
        return out;
    }
}
