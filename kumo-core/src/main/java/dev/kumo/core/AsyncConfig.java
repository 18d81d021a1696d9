package dev.kumo.core;

import java.util.Optional;

/**
 * How a function's asynchronous invocations are retried and where their outcomes go (Lambda's
 * event-invoke configuration). Part of {@link FunctionConfig}.
 *
 * @param maxRetries         retries after a failed first attempt (function error or timeout), 0-10
 * @param maxEventAgeSeconds an invocation not finished this long after it was accepted goes to the
 *                           dead-letter store instead of being tried again, 60-21,600 (6 h)
 * @param onSuccess          function invoked asynchronously with a record of each success
 * @param onFailure          function invoked asynchronously with a record of each dead-lettered invocation
 */
public record AsyncConfig(int maxRetries, int maxEventAgeSeconds, Optional<String> onSuccess,
                          Optional<String> onFailure) {

    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final int MAX_RETRIES = 10;
    public static final int DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;
    public static final int MIN_EVENT_AGE_SECONDS = 60;

    /** Two retries, six hours, no destinations. */
    public static final AsyncConfig DEFAULTS = new AsyncConfig(DEFAULT_MAX_RETRIES, DEFAULT_MAX_EVENT_AGE_SECONDS,
            Optional.empty(), Optional.empty());

    /** Validates every field; throws {@link InvalidRequestException} naming the first bad one. */
    public AsyncConfig {
        InvalidRequestException.require(maxRetries >= 0 && maxRetries <= MAX_RETRIES, "async.maxRetries",
                "maxRetries must be between 0 and " + MAX_RETRIES + ", got " + maxRetries);
        InvalidRequestException.require(maxEventAgeSeconds >= MIN_EVENT_AGE_SECONDS
                        && maxEventAgeSeconds <= DEFAULT_MAX_EVENT_AGE_SECONDS, "async.maxEventAgeSeconds",
                "maxEventAgeSeconds must be between " + MIN_EVENT_AGE_SECONDS + " and "
                        + DEFAULT_MAX_EVENT_AGE_SECONDS + ", got " + maxEventAgeSeconds);
        onSuccess = onSuccess == null ? Optional.empty() : onSuccess;
        onFailure = onFailure == null ? Optional.empty() : onFailure;
        onSuccess.ifPresent(name -> destination("async.onSuccess", name));
        onFailure.ifPresent(name -> destination("async.onFailure", name));
    }

    private static void destination(String field, String name) {
        InvalidRequestException.require(name.matches(Names.FUNCTION_PATTERN), field,
                "destination must be a function name matching " + Names.FUNCTION_PATTERN + ", got '" + name + "'");
    }
}
