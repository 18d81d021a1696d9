package dev.kumo.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One earlier attempt of an asynchronous invocation.
 *
 * @param attempt    1 for the first attempt
 * @param status     how it ended, {@code error} or {@code timeout}
 * @param start      when it was admitted
 * @param durationMs handler run time
 * @param error      what went wrong
 * @param logs       its captured log lines
 */
public record AttemptInfo(int attempt, ActivationStatus status, Instant start, double durationMs,
                          Optional<ActivationError> error, List<String> logs) {

    /** Copies the logs and rejects nulls. */
    public AttemptInfo {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(error, "error");
        logs = List.copyOf(logs);
    }
}
