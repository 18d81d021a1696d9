package dev.kumo.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of one invocation, as kept by the activation store and served by {@code /v1/activations}.
 *
 * @param id          activation id
 * @param function    function name
 * @param version     version that ran (or was resolved, for rejections)
 * @param status      outcome
 * @param coldStart   whether this invocation created its instance
 * @param start       when the request was admitted
 * @param durationMs  handler run time (excludes queue and init)
 * @param initMs      time spent creating the instance, 0 when warm
 * @param queueMs     time between receipt and start of the handler, excluding init
 * @param memoryMb    configured memory
 * @param inputBytes  request payload size
 * @param outputBytes response payload size
 * @param result      the JSON output (bounded, see the constructor); empty for failures
 * @param error       the error, for {@code error}, {@code timeout} and {@code rejected}
 * @param logs        captured log lines, bounded
 * @param attempt     which attempt this record describes: 1 for a synchronous invocation, 1.. for an
 *                    asynchronous one, 0 while an asynchronous invocation waits for its first attempt
 * @param attempts    the earlier attempts of an asynchronous invocation, oldest first (empty otherwise)
 * @param parentId    the activation that made this call, for a call between functions
 */
public record Activation(ActivationId id, String function, String version, ActivationStatus status,
                         boolean coldStart, Instant start, double durationMs, double initMs, double queueMs,
                         int memoryMb, long inputBytes, long outputBytes, Optional<String> result,
                         Optional<ErrorInfo> error, List<String> logs, int attempt, List<Attempt> attempts,
                         Optional<ActivationId> parentId) {

    /** Most characters of a result kept in an activation record. */
    public static final int MAX_RESULT_CHARS = 16 * 1024;

    /**
     * Copies the log list and bounds the result: a result over {@link #MAX_RESULT_CHARS} is replaced by
     * {@code {"truncated":true,"length":N}} so that it stays valid JSON.
     */
    public Activation {
        logs = List.copyOf(logs);
        attempts = List.copyOf(attempts);
        if (parentId == null) {
            throw new IllegalArgumentException("parentId must be present or empty");
        }
        result = result.map(r -> r.length() <= MAX_RESULT_CHARS ? r
                : "{\"truncated\":true,\"length\":" + r.length() + "}");
    }

    /** A first (and only) attempt: the record of a synchronous invocation. */
    public Activation(ActivationId id, String function, String version, ActivationStatus status, boolean coldStart,
                      Instant start, double durationMs, double initMs, double queueMs, int memoryMb, long inputBytes,
                      long outputBytes, Optional<String> result, Optional<ErrorInfo> error, List<String> logs) {
        this(id, function, version, status, coldStart, start, durationMs, initMs, queueMs, memoryMb, inputBytes,
                outputBytes, result, error, logs, 1, List.of());
    }

    /** A record with no parent: an invocation that came from outside, not from another function. */
    public Activation(ActivationId id, String function, String version, ActivationStatus status, boolean coldStart,
                      Instant start, double durationMs, double initMs, double queueMs, int memoryMb, long inputBytes,
                      long outputBytes, Optional<String> result, Optional<ErrorInfo> error, List<String> logs,
                      int attempt, List<Attempt> attempts) {
        this(id, function, version, status, coldStart, start, durationMs, initMs, queueMs, memoryMb, inputBytes,
                outputBytes, result, error, logs, attempt, attempts, Optional.empty());
    }

    /** This record with the attempt number and the earlier attempts of an asynchronous invocation. */
    public Activation withAttempts(ActivationStatus newStatus, int newAttempt, List<Attempt> earlier) {
        return new Activation(id, function, version, newStatus, coldStart, start, durationMs, initMs, queueMs,
                memoryMb, inputBytes, outputBytes, result, error, logs, newAttempt, earlier, parentId);
    }

    /** This record summed up as one attempt, for the history of a later one. */
    public Attempt asAttempt() {
        return new Attempt(attempt, status, start, durationMs, error, logs);
    }
}
