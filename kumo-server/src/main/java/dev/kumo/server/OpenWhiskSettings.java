package dev.kumo.server;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the OpenWhisk-compatible API ({@code /api/v1}).
 *
 * @param guestKey    {@code uuid:key} of the {@code guest} namespace; empty keeps the stored one, or uses
 *                    OpenWhisk's well-known guest key when there is none yet
 * @param allowRemote whether clients from other addresses than loopback may use the API (by default they get
 *                    a 403, like a local OpenWhisk standalone whose guest key everyone knows)
 * @param blockingWait how long a blocking invocation is waited for before it is answered 202 and runs on
 *                     (OpenWhisk: 60 s)
 */
public record OpenWhiskSettings(Optional<String> guestKey, boolean allowRemote, Duration blockingWait) {

    /** OpenWhisk's blocking wait. */
    public static final Duration DEFAULT_BLOCKING_WAIT = Duration.ofSeconds(60);

    /** Settings with OpenWhisk's blocking wait. */
    public OpenWhiskSettings(Optional<String> guestKey, boolean allowRemote) {
        this(guestKey, allowRemote, DEFAULT_BLOCKING_WAIT);
    }

    /** Checks the key's shape (a non-blank uuid and key joined by one {@code :}) and the wait. */
    public OpenWhiskSettings {
        if (blockingWait == null || blockingWait.isNegative() || blockingWait.isZero()) {
            throw new IllegalArgumentException("the blocking wait must be positive, got " + blockingWait);
        }
        guestKey.ifPresent(k -> {
            int colon = k.indexOf(':');
            if (colon < 1 || colon == k.length() - 1 || k.indexOf(':', colon + 1) >= 0 || k.isBlank()) {
                throw new IllegalArgumentException("the OpenWhisk guest key must look like uuid:key, got '" + k + "'");
            }
        });
    }

    /** The guest key from the store, or the well-known one; loopback only. */
    public static OpenWhiskSettings defaults() {
        return new OpenWhiskSettings(Optional.empty(), false);
    }
}
