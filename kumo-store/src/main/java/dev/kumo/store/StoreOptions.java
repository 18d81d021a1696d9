package dev.kumo.store;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Tuning of an {@link EmbeddedStore}. The store keeps the last {@code maxActivations} activation records
 * recorded, all of them in memory, and none that started more than {@code activationMaxAge} ago, measured
 * on {@code clock}; the file follows within a batch.
 *
 * @param maxActivations   most activation records kept, at least 1; they are all in memory, about 0.5 KB each
 *                         for a small record (its result and logs count in full)
 * @param activationMaxAge age after which an activation record is pruned, positive
 * @param clock            time source for retention
 */
public record StoreOptions(int maxActivations, Duration activationMaxAge, InstantSource clock) {

    /** Default {@link #maxActivations}. */
    public static final int DEFAULT_MAX_ACTIVATIONS = 10_000;
    /** Default {@link #activationMaxAge}. */
    public static final Duration DEFAULT_ACTIVATION_MAX_AGE = Duration.ofDays(7);

    /** Validates the bounds. */
    public StoreOptions {
        if (maxActivations < 1) {
            throw new IllegalArgumentException("maxActivations must be at least 1, got " + maxActivations);
        }
        if (activationMaxAge == null || activationMaxAge.isNegative() || activationMaxAge.isZero()) {
            throw new IllegalArgumentException("activationMaxAge must be positive, got " + activationMaxAge);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
    }

    /** 10,000 activations, 7 days, the system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_MAX_ACTIVATIONS, DEFAULT_ACTIVATION_MAX_AGE, InstantSource.system());
    }

    /** A copy with another retention count. */
    public StoreOptions withMaxActivations(int value) {
        return new StoreOptions(value, activationMaxAge, clock);
    }

    /** A copy with another retention age. */
    public StoreOptions withActivationMaxAge(Duration value) {
        return new StoreOptions(maxActivations, value, clock);
    }

    /** A copy with another clock. */
    public StoreOptions withClock(InstantSource value) {
        return new StoreOptions(maxActivations, activationMaxAge, value);
    }
}
