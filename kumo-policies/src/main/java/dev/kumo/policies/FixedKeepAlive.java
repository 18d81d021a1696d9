package dev.kumo.policies;

import dev.kumo.spi.keepalive.KeepAlivePolicy;
import dev.kumo.spi.keepalive.KeepAliveWindow;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps every idle instance warm for the same fixed time and never pre-warms: the common policy of production
 * platforms (OpenWhisk keeps 10 minutes) and the baseline that adaptive policies are measured against. It ignores
 * what it observes, so it is trivially thread-safe and deterministic.
 */
public final class FixedKeepAlive implements KeepAlivePolicy {

    /** The keep-alive used when none is given: 10 minutes. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(10);

    private final KeepAliveWindow window;

    private FixedKeepAlive(Duration keepAlive) {
        this.window = KeepAliveWindow.keepFor(keepAlive);
    }

    /**
     * A policy keeping idle instances warm for {@code keepAlive}; zero unloads them at once.
     *
     * @throws IllegalArgumentException if {@code keepAlive} is negative
     */
    public static FixedKeepAlive of(Duration keepAlive) {
        return new FixedKeepAlive(keepAlive);
    }

    /** A policy keeping idle instances warm for {@link #DEFAULT_KEEP_ALIVE}. */
    public static FixedKeepAlive ofDefault() {
        return of(DEFAULT_KEEP_ALIVE);
    }

    /** How long idle instances stay warm. */
    public Duration keepAlive() {
        return window.keepAlive();
    }

    @Override
    public void recordInvocation(String app, Instant start, Instant end) {
        // A fixed window needs no history.
    }

    @Override
    public KeepAliveWindow window(String app, Instant now) {
        return window;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FixedKeepAlive fixed && fixed.window.equals(window);
    }

    @Override
    public int hashCode() {
        return window.hashCode();
    }

    /** The spec that creates this policy, e.g. {@code fixed:10m}. */
    @Override
    public String toString() {
        return FixedKeepAliveProvider.NAME + ":" + DurationSpec.format(keepAlive());
    }
}
