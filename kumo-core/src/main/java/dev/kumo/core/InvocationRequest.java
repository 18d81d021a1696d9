package dev.kumo.core;

import java.time.Instant;

/**
 * One invocation attempt as the gateway (or the asynchronous queue) hands it to the dispatcher.
 *
 * @param function  function name
 * @param qualifier {@code $LATEST}, a version number or an alias
 * @param payload   JSON request body (may be empty: treated as JSON {@code null})
 * @param received  when the gateway received the request (for a queued invocation: when the attempt was
 *                  taken off the queue)
 * @param id        the activation id the outcome is recorded under
 * @param attempt   1 for a synchronous invocation; the attempt number of an asynchronous one
 */
public record InvocationRequest(String function, String qualifier, byte[] payload, Instant received,
                                ActivationId id, int attempt) {

    /** Validates names; the payload is not copied (the gateway hands over ownership). */
    public InvocationRequest {
        Names.function(function);
        InvalidRequestException.require(qualifier != null && !qualifier.isBlank(), "qualifier",
                "qualifier must not be blank");
        if (id == null || attempt < 1) {
            throw new IllegalArgumentException("an invocation needs an activation id and an attempt >= 1");
        }
    }

    /** A synchronous invocation under a new random activation id. */
    public InvocationRequest(String function, String qualifier, byte[] payload, Instant received) {
        this(function, qualifier, payload, received, ActivationId.random(), 1);
    }
}
