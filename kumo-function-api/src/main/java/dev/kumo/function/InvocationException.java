package dev.kumo.function;

import java.util.Optional;

/**
 * A call to another function through {@link Context#invoke} or {@link Context#invokeAsync} did not return
 * an output: the child threw, timed out, was refused or does not exist. Unchecked: a function that does not
 * catch it fails with it, and its own caller sees the child's error type and message.
 */
public final class InvocationException extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** The child threw (or could not map its input); {@link #errorType()} is its error type. */
        FUNCTION_ERROR,
        /** The child ran past its deadline (its own timeout, or what was left of the caller's). */
        TIMEOUT,
        /** The child was refused by an admission limit (node or function concurrency, memory, instances). */
        REJECTED,
        /** No such function, version or alias. */
        NOT_FOUND,
        /** The chain of calls is already as deep as the node allows. */
        DEPTH_EXCEEDED,
        /** The caller already has as many calls in flight as the node allows per activation. */
        FAN_OUT_EXCEEDED
    }

    private final Kind kind;
    private final String errorType;
    private final String activationId;

    /**
     * Creates the exception.
     *
     * @param kind         why the call failed
     * @param errorType    the child's error type ({@code Timeout}, {@code NotFound}, a reject reason or an
     *                     exception class name)
     * @param message      what went wrong
     * @param activationId the child's activation id, when the child was recorded (empty for not-found)
     */
    public InvocationException(Kind kind, String errorType, String message, Optional<String> activationId) {
        super(message);
        this.kind = kind;
        this.errorType = errorType;
        this.activationId = activationId.orElse(null);
    }

    /** Why the call failed. */
    public Kind kind() {
        return kind;
    }

    /** The child's error type. */
    public String errorType() {
        return errorType;
    }

    /** The child's activation id, empty when no activation was recorded (the function does not exist). */
    public Optional<String> activationId() {
        return Optional.ofNullable(activationId);
    }
}
