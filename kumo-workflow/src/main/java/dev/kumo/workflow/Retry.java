package dev.kumo.workflow;

import java.time.Duration;

/**
 * How often a step's function is tried, and the wait before the next try, doubled after each one.
 *
 * @param maxAttempts tries in all, 1 to 10
 * @param backoff     wait before the second try
 */
public record Retry(int maxAttempts, Duration backoff) {

    /** One try. */
    public static final Retry NONE = new Retry(1, Duration.ZERO);

    /** Validates the bounds. */
    public Retry {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 10, got " + maxAttempts);
        }
        if (backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("backoffMs must be between 0 and 600000, got " + backoff.toMillis());
        }
    }

    /** The wait before try {@code attempt} (2 or more). */
    public Duration delayBefore(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 2, 16));
    }
}
