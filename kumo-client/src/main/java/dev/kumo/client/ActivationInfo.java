package dev.kumo.client;

import dev.kumo.client.internal.Encoder;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one invocation.
 *
 * @param activationId activation id, as returned in {@code Kumo-Activation-Id}
 * @param function     function name
 * @param version      version that ran (or was resolved, for rejections)
 * @param status       outcome
 * @param coldStart    whether the invocation created its instance
 * @param start        when the request was admitted
 * @param durationMs   handler run time
 * @param initMs       time spent creating the instance, 0 when warm
 * @param queueMs      time between receipt and the start of the handler, init excluded
 * @param memoryMb     configured memory
 * @param inputBytes   request payload size
 * @param outputBytes  response payload size
 * @param result       the output as JSON text (possibly cut short by the server); empty for failures
 * @param error        the error, for {@code error}, {@code timeout} and {@code rejected}
 * @param logs         captured log lines
 * @param attempt      which attempt this record describes: 1 for a synchronous invocation, 0 while an asynchronous
 *                     one waits for its first attempt
 * @param attempts     the earlier attempts of an asynchronous invocation, oldest first
 * @param parentId     the activation of the function that made this call ({@code ctx.invoke}), if any
 */
public record ActivationInfo(String activationId, String function, String version, ActivationStatus status,
                             boolean coldStart, Instant start, double durationMs, double initMs, double queueMs,
                             int memoryMb, long inputBytes, long outputBytes, Optional<String> result,
                             Optional<ActivationError> error, List<String> logs, int attempt,
                             List<AttemptInfo> attempts, Optional<String> parentId) {

    /** A record without a parent: an invocation from outside. */
    public ActivationInfo(String activationId, String function, String version, ActivationStatus status,
                          boolean coldStart, Instant start, double durationMs, double initMs, double queueMs,
                          int memoryMb, long inputBytes, long outputBytes, Optional<String> result,
                          Optional<ActivationError> error, List<String> logs, int attempt,
                          List<AttemptInfo> attempts) {
        this(activationId, function, version, status, coldStart, start, durationMs, initMs, queueMs, memoryMb,
                inputBytes, outputBytes, result, error, logs, attempt, attempts, Optional.empty());
    }

    /** The record of a synchronous invocation: attempt 1, no earlier attempts. */
    public ActivationInfo(String activationId, String function, String version, ActivationStatus status,
                          boolean coldStart, Instant start, double durationMs, double initMs, double queueMs,
                          int memoryMb, long inputBytes, long outputBytes, Optional<String> result,
                          Optional<ActivationError> error, List<String> logs) {
        this(activationId, function, version, status, coldStart, start, durationMs, initMs, queueMs, memoryMb,
                inputBytes, outputBytes, result, error, logs, 1, List.of());
    }

    /** Copies the lists and rejects nulls. */
    public ActivationInfo {
        Objects.requireNonNull(activationId, "activationId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(parentId, "parentId");
        logs = List.copyOf(logs);
        attempts = List.copyOf(attempts);
    }

    /** This activation in the API's JSON form, pretty-printed; {@code result} is embedded as JSON where it parses. */
    public String toJson() {
        return Wire.pretty(Encoder.toJson(this));
    }
}
