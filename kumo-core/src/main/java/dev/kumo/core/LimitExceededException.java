package dev.kumo.core;

import java.time.Duration;

/**
 * A bounded resource is full, e.g. a function's asynchronous queue (HTTP 429 with {@code Retry-After}).
 * Nothing was stored; the client may retry after {@link #retryAfter()}.
 */
public final class LimitExceededException extends RuntimeException {

    private final transient Duration retryAfter;

    /** Creates the exception with a message fit for the client. */
    public LimitExceededException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When a retry may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
