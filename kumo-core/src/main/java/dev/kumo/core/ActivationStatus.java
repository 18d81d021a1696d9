package dev.kumo.core;

import java.util.Locale;

/** How an activation ended. */
public enum ActivationStatus {
    /** The function returned a result. */
    SUCCESS,
    /** The function threw (or answered an error). */
    ERROR,
    /** The function ran past its timeout and was interrupted. */
    TIMEOUT,
    /** The platform refused to run it (concurrency, memory or overload limits). */
    REJECTED,
    /** An asynchronous invocation is durably queued, waiting for its first attempt or for a retry. */
    QUEUED,
    /** An asynchronous invocation's attempt is running. */
    RUNNING,
    /** An asynchronous invocation failed every attempt (or grew too old) and went to the dead-letter store. */
    DEAD_LETTERED,
    /** The instance failed to initialize (handler missing or invalid, init code threw, bootstrap exited). */
    INIT_ERROR,
    /** The worker process ran out of its memory limit and was killed; the worker is replaced. */
    OUT_OF_MEMORY,
    /** The worker process exited or was killed mid-invocation; the worker is replaced. */
    CRASHED;

    /**
     * The status of an activation that ended with {@code error}: {@link #OUT_OF_MEMORY} and {@link #CRASHED} for
     * the error types a worker process reports ({@code Runtime.OutOfMemory}, {@code Runtime.ExitError}, as AWS
     * Lambda names them), {@link #ERROR} otherwise.
     */
    public static ActivationStatus ofError(ErrorInfo error) {
        return switch (error.errorType()) {
            case "Runtime.OutOfMemory" -> OUT_OF_MEMORY;
            case "Runtime.ExitError" -> CRASHED;
            default -> ERROR;
        };
    }

    /** The name used in JSON: lower case, words joined by {@code -} ({@code dead-lettered}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the activation has ended (nothing about it will change any more). */
    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }

    /** Parses a wire name. */
    public static ActivationStatus parse(String value) {
        for (var s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        throw new InvalidRequestException("status", "unknown status '" + value
                + "', expected one of " + java.util.Arrays.stream(values()).map(ActivationStatus::wireName)
                .collect(java.util.stream.Collectors.joining(", ")));
    }
}
