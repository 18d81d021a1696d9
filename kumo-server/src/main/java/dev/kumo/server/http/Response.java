package dev.kumo.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a route answers: status, extra headers and a body with its content type.
 *
 * @param status      HTTP status
 * @param contentType content type of {@code body}
 * @param headers     extra headers
 * @param body        response body
 * @param cookies     {@code Set-Cookie} values, one header each (a function URL's {@code cookies})
 */
public record Response(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body,
                       List<String> cookies) {

    /** Copies the cookie list. */
    public Response {
        cookies = List.copyOf(cookies);
    }

    /** A response that sets no cookies. */
    public Response(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, List.of());
    }

    /** JSON content type. */
    public static final String JSON = "application/json";

    /** A JSON response with no extra headers. */
    public static Response json(HttpResponseStatus status, byte[] body) {
        return new Response(status, JSON, Map.of(), body);
    }

    /** A plain-text response. */
    public static Response text(HttpResponseStatus status, String contentType, String body) {
        return new Response(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** 204 with no body. */
    public static Response noContent() {
        return new Response(HttpResponseStatus.NO_CONTENT, JSON, Map.of(), new byte[0]);
    }

    /** A copy with more headers. */
    public Response withHeaders(Map<String, String> more) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.putAll(more);
        return new Response(status, contentType, all, body, cookies);
    }
}
