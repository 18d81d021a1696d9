package dev.kumo.core;

import java.util.Locale;

/** How an activation ended. */
public enum ActivationStatus {
    /** The function returned a result. */
    SUCCESS,
    /** The function threw, or its instance failed to initialize. */
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
    DEAD_LETTERED;

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
                + "', expected success, error, timeout, rejected, queued, running or dead-lettered");
    }
}
