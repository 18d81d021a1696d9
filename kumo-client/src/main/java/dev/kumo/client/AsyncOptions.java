package dev.kumo.client;

import java.util.Objects;
import java.util.Optional;

/**
 * How a function's asynchronous invocations are retried and where their outcomes go.
 *
 * @param maxRetries         retries after a failed first attempt, 0-10 (server default 2)
 * @param maxEventAgeSeconds an invocation older than this is dead-lettered instead of retried, 60-21600
 * @param onSuccess          function invoked asynchronously with a record of each success
 * @param onFailure          function invoked asynchronously with a record of each dead-lettered invocation
 */
public record AsyncOptions(int maxRetries, int maxEventAgeSeconds, Optional<String> onSuccess,
                           Optional<String> onFailure) {

    /** The server's defaults: two retries, six hours, no destinations. */
    public static final AsyncOptions DEFAULTS = new AsyncOptions(2, 21_600, Optional.empty(), Optional.empty());

    /** Rejects nulls. */
    public AsyncOptions {
        Objects.requireNonNull(onSuccess, "onSuccess");
        Objects.requireNonNull(onFailure, "onFailure");
    }

    /** These options with {@code retries} retries. */
    public AsyncOptions withMaxRetries(int retries) {
        return new AsyncOptions(retries, maxEventAgeSeconds, onSuccess, onFailure);
    }

    /** These options with another maximum event age. */
    public AsyncOptions withMaxEventAgeSeconds(int seconds) {
        return new AsyncOptions(maxRetries, seconds, onSuccess, onFailure);
    }

    /** These options sending successes to {@code function}. */
    public AsyncOptions withOnSuccess(String function) {
        return new AsyncOptions(maxRetries, maxEventAgeSeconds, Optional.of(function), onFailure);
    }

    /** These options sending dead-lettered invocations to {@code function}. */
    public AsyncOptions withOnFailure(String function) {
        return new AsyncOptions(maxRetries, maxEventAgeSeconds, onSuccess, Optional.of(function));
    }
}
