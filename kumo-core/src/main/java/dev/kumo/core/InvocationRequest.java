package dev.kumo.core;

import java.time.Instant;

/**
 * One synchronous invocation as the gateway hands it to the dispatcher.
 *
 * @param function  function name
 * @param qualifier {@code $LATEST}, a version number or an alias
 * @param payload   JSON request body (may be empty: treated as JSON {@code null})
 * @param received  when the gateway received the request
 */
public record InvocationRequest(String function, String qualifier, byte[] payload, Instant received) {

    /** Validates names; the payload is not copied (the gateway hands over ownership). */
    public InvocationRequest {
        Names.function(function);
        InvalidRequestException.require(qualifier != null && !qualifier.isBlank(), "qualifier",
                "qualifier must not be blank");
    }
}
