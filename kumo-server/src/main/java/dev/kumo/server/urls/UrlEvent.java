package dev.kumo.server.urls;

import dev.kumo.core.ActivationId;
import dev.kumo.core.event.HttpRoute;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event a function URL hands to its function, in the shape of an AWS Lambda function URL (payload
 * format {@code 2.0}): lower-case header names with repeated values joined by commas, decoded query and path
 * parameters, and the body as text, or base64 when it is not valid UTF-8.
 */
final class UrlEvent {

    private UrlEvent() {
    }

    /**
     * The event.
     *
     * @param rawPath   the path below the routes prefix, as received
     * @param path      the same path, decoded
     * @param rawQuery  the query string as received, without {@code ?}
     * @param query     the decoded query parameters
     */
    static Map<String, Object> of(HttpRoute route, String method, String rawPath, String path, String rawQuery,
                                  Map<String, List<String>> query, Map<String, String> params, HttpHeaders headers,
                                  byte[] body, String sourceIp, ActivationId requestId, long timeEpoch) {
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", route.method() + " " + route.path());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        event.put("headers", headers(headers));
        var parameters = new TreeMap<String, String>();
        query.forEach((name, values) -> parameters.put(name, String.join(",", values)));
        event.put("queryStringParameters", parameters);
        event.put("pathParameters", new TreeMap<>(params));
        var http = new LinkedHashMap<String, Object>();
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.get("User-Agent", ""));
        var context = new LinkedHashMap<String, Object>();
        context.put("http", http);
        context.put("requestId", requestId.value());
        context.put("routeKey", route.method() + " " + route.path());
        context.put("timeEpoch", timeEpoch);
        event.put("requestContext", context);
        String text = utf8(body);
        event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", text == null);
        return event;
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        var out = new TreeMap<String, String>();
        for (String name : headers.names()) {
            out.merge(name.toLowerCase(Locale.ROOT), String.join(",", headers.getAll(name)),
                    (a, b) -> a + "," + b);
        }
        return out;
    }

    /** The body as text, or null when it is not valid UTF-8. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
