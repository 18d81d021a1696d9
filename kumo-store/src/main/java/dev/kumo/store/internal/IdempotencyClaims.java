package dev.kumo.store.internal;

import dev.kumo.store.internal.AsyncCodec.Claim;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Idempotency keys in MVStore: {@code async.claims} maps a function's name, NUL and a key to its
 * {@link Claim}; {@code async.claims.expiry} holds the same claims ordered by expiry (the time key of the
 * expiry followed by the claim key), so that a sweep finds the expired ones first without a scan. An
 * expired claim is ignored by lookups at once and deleted by the next sweep, at most
 * {@link #SWEEP_MAX} per sweep so that a sweep never holds up the commits behind it for long. Only the
 * {@link StoreIo} thread calls it.
 */
final class IdempotencyClaims {

    static final int SWEEP_MAX = 4_096;
    static final long SWEEP_INTERVAL_MICROS = 60_000_000L;

    private final JournaledMap<byte[]> claims;
    private final JournaledMap<String> byExpiry;
    private long nextSweepMicros = Long.MIN_VALUE;

    /** Opens (or creates) the maps. */
    IdempotencyClaims(GroupCommit commits) {
        this.claims = commits.bytesMap("async.claims");
        this.byExpiry = commits.stringMap("async.claims.expiry");
    }

    /** The claim of {@code key} unless it expired at or before {@code nowMicros}. */
    Optional<Claim> live(String key, long nowMicros) {
        var bytes = claims.get(key);
        if (bytes == null) {
            return Optional.empty();
        }
        var claim = AsyncCodec.decodeClaim(bytes);
        return claim.expiresMicros() > nowMicros ? Optional.of(claim) : Optional.empty();
    }

    /** Stores {@code claim} under {@code key}, replacing an earlier (expired) one. */
    void put(String key, Claim claim) {
        var previous = claims.put(key, AsyncCodec.encode(claim));
        if (previous != null) {
            byExpiry.remove(AsyncKeys.time(AsyncCodec.decodeClaim(previous).expiresMicros()) + key);
        }
        byExpiry.put(AsyncKeys.time(claim.expiresMicros()) + key, "");
    }

    /**
     * Deletes claims expired at {@code nowMicros}, oldest first, when a minute passed since the last sweep
     * or the last one left some behind.
     */
    void sweepIfDue(long nowMicros) {
        if (nowMicros < nextSweepMicros) {
            return;
        }
        var expired = new ArrayList<String>();
        for (var it = byExpiry.keys(null); it.hasNext() && expired.size() < SWEEP_MAX; ) {
            var key = it.next();
            if (AsyncKeys.micros(key) > nowMicros) {
                break;
            }
            expired.add(key);
        }
        for (var key : expired) {
            byExpiry.remove(key);
            claims.remove(key.substring(AsyncKeys.TIME_DIGITS));
        }
        nextSweepMicros = expired.size() < SWEEP_MAX ? nowMicros + SWEEP_INTERVAL_MICROS : nowMicros;
    }

    /** Number of claims stored, expired or not. */
    long size() {
        return claims.size();
    }
}
