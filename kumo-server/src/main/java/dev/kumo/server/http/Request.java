package dev.kumo.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One HTTP request as routes see it: already aggregated, body copied out of Netty buffers.
 *
 * @param method     HTTP method
 * @param path       decoded path without the query string
 * @param pathParams values of the {@code {name}} segments of the matched route
 * @param query      decoded query parameters
 * @param headers    request headers
 * @param body       request body, possibly empty
 * @param respond    answers the request before the route returns, see {@link #respond(Response)}
 * @param uri        the request target as received (path and query, still percent-encoded)
 * @param sourceIp   the client's address, empty when unknown
 */
public record Request(HttpMethod method, String path, Map<String, String> pathParams,
                      Map<String, List<String>> query, HttpHeaders headers, byte[] body,
                      Consumer<Response> respond, String uri, String sourceIp) {

    /**
     * Answers now, from any thread, while the route goes on running (e.g. a 504 at a function's deadline).
     * The gateway writes whichever of this answer and the route's return comes first and drops the other;
     * the connection's next request is served once that one answer is written.
     */
    public void respond(Response response) {
        respond.accept(response);
    }

    /** The value of a path parameter declared by the route. */
    public String param(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route declares no path parameter " + name);
        }
        return v;
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        var values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** An integer query parameter within [min, max], or the default when absent. */
    public int intQuery(String name, int defaultValue, int min, int max) {
        var raw = query(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name, name + " must be an integer between " + min + " and " + max
                + ", got '" + raw.get() + "'");
    }

    /** A header value. */
    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }
}
