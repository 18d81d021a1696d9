package dev.kumo.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link InstantSource} that only moves when a test moves it, so code that takes injected time can be
 * tested without sleeping. Thread-safe: a test thread may advance it while the code under test reads it.
 */
public final class ManualClock implements InstantSource {

    private final AtomicReference<Instant> now;

    private ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock standing at {@code start}. */
    public static ManualClock at(Instant start) {
        return new ManualClock(Objects.requireNonNull(start, "start"));
    }

    /** A clock standing at {@link Instant#EPOCH}. */
    public static ManualClock epoch() {
        return new ManualClock(Instant.EPOCH);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * Moves the clock forward by {@code step} and returns the new instant.
     *
     * @throws IllegalArgumentException if {@code step} is negative; use {@link #set} to go back on purpose
     */
    public Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration " + step);
        }
        return now.updateAndGet(current -> current.plus(step));
    }

    /** Puts the clock at {@code instant}, forwards or backwards. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
