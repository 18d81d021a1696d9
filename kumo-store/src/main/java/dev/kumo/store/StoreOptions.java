package dev.kumo.store;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Tuning of an {@link EmbeddedStore}. Activation records are pruned in the background once there are more
 * than {@code maxActivations} of them or once they are older than {@code activationMaxAge}, measured on
 * {@code clock} against each activation's start time.
 *
 * @param maxActivations   most activation records kept, at least 1
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
