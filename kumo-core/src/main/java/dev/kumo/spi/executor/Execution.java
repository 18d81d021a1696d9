package dev.kumo.spi.executor;

import dev.kumo.core.ActivationId;
import java.time.Instant;

/**
 * One invocation handed to an instance.
 *
 * @param activationId id of the activation, exposed to the function through its context
 * @param payload      the raw JSON request body, possibly empty; not copied (ownership passes to the executor)
 * @param deadline     when the invocation is interrupted and {@link ExecutionResult.TimedOut} answered
 */
public record Execution(ActivationId activationId, byte[] payload, Instant deadline) {

    /** Rejects missing parts. */
    public Execution {
        if (activationId == null || payload == null || deadline == null) {
            throw new IllegalArgumentException("activationId, payload and deadline are required");
        }
    }
}
