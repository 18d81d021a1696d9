package dev.kumo.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One finished attempt of an asynchronous invocation, kept in the activation's history when it is retried.
 *
 * @param number     1 for the first attempt
 * @param status     how it ended: {@code error} or {@code timeout} (a rejection by a limit is not an
 *                   attempt: the invocation waits and tries again without counting it)
 * @param start      when it was admitted
 * @param durationMs handler run time
 * @param error      what went wrong
 * @param logs       its captured log lines, bounded
 */
public record Attempt(int number, ActivationStatus status, Instant start, double durationMs,
                      Optional<ErrorInfo> error, List<String> logs) {

    /** Copies the log list. */
    public Attempt {
        logs = List.copyOf(logs);
    }
}
