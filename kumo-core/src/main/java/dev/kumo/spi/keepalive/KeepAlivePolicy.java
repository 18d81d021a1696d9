package dev.kumo.spi.keepalive;

import java.time.Instant;

/**
 * Decides how long idle instances of an application stay warm. Called by the instance pool on the
 * invocation path, so both methods must be cheap and thread-safe. Time is always passed in.
 */
public interface KeepAlivePolicy {

    /** Observes one finished invocation of {@code app} (a function version key). */
    void recordInvocation(String app, Instant start, Instant end);

    /** The window to apply to {@code app}'s instances that became idle now. */
    KeepAliveWindow window(String app, Instant now);
}
