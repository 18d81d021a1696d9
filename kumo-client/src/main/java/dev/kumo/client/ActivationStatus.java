package dev.kumo.client;

import java.util.Locale;

/**
 * State or outcome of one activation, as named on the wire ({@code success}, {@code error}, {@code timeout},
 * {@code rejected}; for asynchronous invocations also {@code queued}, {@code running} and {@code dead-lettered}; for worker processes also {@code init-error},
 * {@code out-of-memory} and {@code crashed}).
 */
public enum ActivationStatus {
    /** The handler returned a value. */
    SUCCESS,
    /** The handler threw. */
    ERROR,
    /** The handler ran past the function's {@code timeoutMs}. */
    TIMEOUT,
    /** The platform refused the invocation (limits or overload). */
    REJECTED,
    /** An asynchronous invocation waits for its first attempt or for a retry. */
    QUEUED,
    /** An attempt of an asynchronous invocation is running. */
    RUNNING,
    /** An asynchronous invocation failed every attempt and went to the dead-letter store. */
    DEAD_LETTERED,
    /** The instance failed to initialize (handler missing, init code threw, bootstrap exited). */
    INIT_ERROR,
    /** A worker process ran out of its memory limit and was killed. */
    OUT_OF_MEMORY,
    /** A worker process exited or was killed mid-invocation. */
    CRASHED;

    /** The name used in JSON: lower case, words joined by {@code -} ({@code dead-lettered}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a wire name, ignoring case.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static ActivationStatus fromWire(String name) {
        for (ActivationStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown activation status '" + name + "'");
    }
}
