package dev.kumo.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server refused a request with a non-2xx status and an error body {@code {"error":{"code","message","field"}}}.
 * {@link #getMessage()} reads {@code HTTP 404 NotFound: ...}; {@link #detail()} is the server's message alone.
 */
public final class KumoApiException extends KumoException {

    private final int status;
    private final String code;
    private final String detail;
    private final Optional<String> field;
    private final Optional<String> reason;
    private final Optional<Duration> retryAfter;

    /**
     * Creates the exception.
     *
     * @param status     HTTP status
     * @param code       the error code, such as {@code NotFound} or {@code InvalidRequest}
     * @param detail     the server's message
     * @param field      the request field at fault, when the server named one
     * @param reason     for {@code TooManyRequests}, the limit that refused the request
     * @param retryAfter the {@code Retry-After} delay of a 429, when sent
     */
    public KumoApiException(int status, String code, String detail, Optional<String> field, Optional<String> reason,
                            Optional<Duration> retryAfter) {
        super("HTTP " + status + " " + code + ": " + detail, null);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The error code, such as {@code NotFound}, {@code InvalidRequest} or {@code TooManyRequests}. */
    public String code() {
        return code;
    }

    /** The server's message, readable on its own. */
    public String detail() {
        return detail;
    }

    /** The request field at fault, for validation errors. */
    public Optional<String> field() {
        return field;
    }

    /**
     * For 429 {@code TooManyRequests}, which limit refused the request: {@code FUNCTION_CONCURRENCY},
     * {@code NODE_CONCURRENCY}, {@code MEMORY} or {@code MAX_INSTANCES}.
     */
    public Optional<String> reason() {
        return reason;
    }

    /** How long the server asked the caller to wait, for 429 responses carrying {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
