package dev.kumo.core;

import java.time.Duration;

/**
 * How an invocation ended, as a value. The gateway turns it into an HTTP response with one exhaustive
 * {@code switch}; nothing a function does is reported as an exception.
 */
public sealed interface InvocationResult {

    /** The function returned; {@code output} is its JSON. */
    record Success(ActivationId activationId, String version, boolean coldStart, byte[] output)
            implements InvocationResult {
    }

    /** The function threw, or its instance failed to initialize. */
    record FunctionError(ActivationId activationId, String version, boolean coldStart, ErrorInfo error)
            implements InvocationResult {
    }

    /** The function ran past its timeout. */
    record TimedOut(ActivationId activationId, String version, Duration timeout) implements InvocationResult {
    }

    /** A limit refused the invocation; retry after {@code retryAfter}. */
    record Rejected(ActivationId activationId, RejectReason reason, Duration retryAfter, String message)
            implements InvocationResult {
    }

    /** The payload cannot be mapped to the handler's input type (HTTP 400); the function did not run. */
    record InvalidInput(ActivationId activationId, String version, String message) implements InvocationResult {
    }

    /** The function, version or alias does not exist. */
    record NotFound(String message) implements InvocationResult {
    }
}
