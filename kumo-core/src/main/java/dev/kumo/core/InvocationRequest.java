package dev.kumo.core;

import java.time.Instant;
import java.util.Optional;

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
 * @param parentId  the activation of the function that made this call, for a call between functions
 * @param depth     how many calls deep this invocation is: 0 for one from outside, the caller's + 1 for a
 *                  call between functions
 * @param deadlineCap the caller's deadline: the invocation's own deadline is never later than this
 */
public record InvocationRequest(String function, String qualifier, byte[] payload, Instant received,
                                ActivationId id, int attempt, Optional<ActivationId> parentId, int depth,
                                Optional<Instant> deadlineCap) {

    /** Validates names; the payload is not copied (the gateway hands over ownership). */
    public InvocationRequest {
        Names.function(function);
        InvalidRequestException.require(qualifier != null && !qualifier.isBlank(), "qualifier",
                "qualifier must not be blank");
        if (id == null || attempt < 1) {
            throw new IllegalArgumentException("an invocation needs an activation id and an attempt >= 1");
        }
        if (parentId == null || deadlineCap == null || depth < 0) {
            throw new IllegalArgumentException("parentId and deadlineCap must be present or empty, depth >= 0");
        }
    }

    /** An invocation from outside (no caller): depth 0, no deadline cap. */
    public InvocationRequest(String function, String qualifier, byte[] payload, Instant received, ActivationId id,
                             int attempt) {
        this(function, qualifier, payload, received, id, attempt, Optional.empty(), 0, Optional.empty());
    }

    /**
     * A synchronous call made by activation {@code parent}, running {@code depth} calls deep, that must end
     * by the caller's {@code deadline}.
     */
    public static InvocationRequest child(String function, String qualifier, byte[] payload, Instant received,
                                          ActivationId parent, int depth, Instant deadline) {
        return new InvocationRequest(function, qualifier, payload, received, ActivationId.random(), 1,
                Optional.of(parent), depth, Optional.of(deadline));
    }

    /** {@code deadline}, or the caller's deadline when that comes first. */
    public Instant capDeadline(Instant deadline) {
        return deadlineCap.filter(cap -> cap.isBefore(deadline)).orElse(deadline);
    }

    /** A synchronous invocation under a new random activation id. */
    public InvocationRequest(String function, String qualifier, byte[] payload, Instant received) {
        this(function, qualifier, payload, received, ActivationId.random(), 1);
    }
}
