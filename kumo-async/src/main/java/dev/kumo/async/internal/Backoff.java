package dev.kumo.async.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: retry {@code n} waits {@code base * 2^(n-1)}, capped at {@code max},
 * scaled by a uniform factor in [0.5, 1) so that invocations that failed together do not retry together.
 *
 * @param base the backoff before the first retry
 * @param max  the longest backoff
 */
public record Backoff(Duration base, Duration max) {

    /** The delay before retry {@code retry} (1 for the first), with a random jitter. */
    public Duration delay(int retry) {
        return delay(retry, ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before retry {@code retry} with jitter {@code uniform} drawn from [0, 1). */
    public Duration delay(int retry, double uniform) {
        long baseNanos = base.toNanos();
        int doublings = Math.clamp(retry - 1, 0, 62);
        long full = doublings >= Long.numberOfLeadingZeros(baseNanos) ? Long.MAX_VALUE : baseNanos << doublings;
        long capped = Math.min(full, max.toNanos());
        return Duration.ofNanos((long) (capped * (0.5 + uniform / 2)));
    }
}
