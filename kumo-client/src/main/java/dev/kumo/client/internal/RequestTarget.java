package dev.kumo.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Path and query of one request, relative to the base URL. Path segments and query parameters are
 * percent-encoded, so a name can never change which route a request hits.
 *
 * @param segments path segments, unencoded
 * @param query    query parameters in order, unencoded
 */
public record RequestTarget(List<String> segments, List<Map.Entry<String, String>> query) {

    /** Copies the lists. */
    public RequestTarget {
        segments = List.copyOf(segments);
        query = List.copyOf(query);
    }

    /** A target of the given path segments, such as {@code of("v1", "functions", name)}. */
    public static RequestTarget of(String... segments) {
        return new RequestTarget(List.of(segments), List.of());
    }

    /** This target with one more query parameter. */
    public RequestTarget with(String name, Object value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(query);
        more.add(Map.entry(name, String.valueOf(value)));
        return new RequestTarget(segments, more);
    }

    /** The encoded {@code /a/b?x=y} form. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(encode(segment));
        }
        char separator = '?';
        for (Map.Entry<String, String> parameter : query) {
            out.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return out.toString();
    }

    /** The method-less description used in error messages, such as {@code /v1/functions/hello}. */
    public String path() {
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    // '$' is kept as is: it is legal in both path and query (RFC 3986 sub-delims) and '$LATEST' reads better raw.
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '$') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
