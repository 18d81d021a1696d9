package dev.kumo.server.urls;

import dev.kumo.server.http.Response;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A function URL's answer from the function's output, as Lambda function URLs do it: an object with a
 * {@code statusCode} is a response ({@code statusCode}, {@code headers}, {@code body} with
 * {@code isBase64Encoded}, {@code cookies}); any other output is the body of a 200 JSON answer.
 */
final class UrlResponse {

    /** Headers the gateway sets itself; a function's values would break the framing. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

    private UrlResponse() {
    }

    /** The answer; empty when the output claims to be a response but is not a valid one. */
    static Optional<Response> of(JsonMapper mapper, byte[] output, Map<String, String> extraHeaders) {
        JsonNode root;
        try {
            root = mapper.readTree(output);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.has("statusCode")) {
            return Optional.of(new Response(HttpResponseStatus.OK, Response.JSON, extraHeaders, output));
        }
        JsonNode code = root.get("statusCode");
        int status = code.canConvertToInt() ? code.asInt() : code.isString() ? parse(code.stringValue()) : -1;
        if (status < 100 || status > 599) {
            return Optional.empty();
        }
        var headers = new LinkedHashMap<>(extraHeaders);
        String contentType = Response.JSON;
        for (var e : root.path("headers").properties()) {
            String name = e.getKey();
            String value = e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type")) {
                contentType = value;
            } else if (!FRAMING.contains(lower)) {
                headers.put(name, value);
            }
        }
        byte[] body;
        JsonNode b = root.path("body");
        if (b.isMissingNode() || b.isNull()) {
            body = new byte[0];
        } else if (!b.isString()) {
            body = mapper.writeValueAsBytes(b);
        } else if (root.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(b.stringValue().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            body = b.stringValue().getBytes(StandardCharsets.UTF_8);
        }
        var cookies = new ArrayList<String>();
        root.path("cookies").forEach(c -> cookies.add(c.isString() ? c.stringValue() : c.toString()));
        return Optional.of(new Response(HttpResponseStatus.valueOf(status), contentType, headers, body, cookies));
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
