package dev.kumo.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A client error detected by a route; the router renders it as
 * {@code {"error":{"code","message","field"}}}. Routes throw it to stop early; it is never a platform bug.
 */
public final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String code;
    private final String field;
    private final transient Map<String, String> headers;

    /** Creates an error with an empty field and no extra headers. */
    public ApiException(HttpResponseStatus status, String code, String message) {
        this(status, code, "", message, Map.of());
    }

    /** Creates an error. */
    public ApiException(HttpResponseStatus status, String code, String field, String message,
                        Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** 400 InvalidRequest naming a field. */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "InvalidRequest", field, message, Map.of());
    }

    /** 404 NotFound. */
    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "NotFound", message);
    }

    /** 429 TooManyRequests with {@code Retry-After} in whole seconds, at least 1. */
    public static ApiException tooManyRequests(String message, java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "TooManyRequests", "", message,
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** HTTP status. */
    public HttpResponseStatus status() {
        return status;
    }

    /** Machine-readable error code. */
    public String code() {
        return code;
    }

    /** The field at fault, empty when none. */
    public String field() {
        return field;
    }

    /** Extra response headers such as {@code Retry-After} or {@code Allow}. */
    public Map<String, String> headers() {
        return headers;
    }
}
