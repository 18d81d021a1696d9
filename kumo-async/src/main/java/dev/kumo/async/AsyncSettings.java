package dev.kumo.async;

import java.time.Duration;
import java.util.Set;

/**
 * Node-wide settings of asynchronous invocations; see {@code docs/reference/configuration.md}.
 *
 * @param maxQueueDepth     most invocations of one function waiting or running at once; more are refused (429)
 * @param maxQueuedBytes    most payload bytes of all the invocations the node holds (waiting or running, every
 *                          function together); client submissions past it are refused (429); at least 1 MiB
 * @param idempotencyWindow how long an idempotency key maps to its invocation
 * @param callbackHosts     hosts a {@code Kumo-Callback-Url} may name (exact, case-insensitive)
 * @param retryBase         backoff before the first retry; doubles per retry, with jitter
 * @param retryMax          the longest backoff
 * @param callbackAttempts  tries of one callback delivery before it is given up
 */
public record AsyncSettings(int maxQueueDepth, long maxQueuedBytes, Duration idempotencyWindow,
                            Set<String> callbackHosts, Duration retryBase, Duration retryMax, int callbackAttempts) {

    /** The smallest {@link #maxQueuedBytes}: one payload at the default async payload limit. */
    public static final long MIN_QUEUED_BYTES = 1024 * 1024;

    /** Validates and copies. */
    public AsyncSettings {
        callbackHosts = Set.copyOf(callbackHosts);
        if (maxQueueDepth < 1 || maxQueuedBytes < MIN_QUEUED_BYTES || idempotencyWindow.isNegative()
                || !retryBase.isPositive() || retryMax.compareTo(retryBase) < 0 || callbackAttempts < 1) {
            throw new IllegalArgumentException("invalid async settings: " + this);
        }
    }

    /**
     * 100,000 per function, 512 MiB of payloads per node, 24 h, loopback callbacks only, 1 s doubling up to
     * 5 min, 5 callback tries.
     */
    public static AsyncSettings defaults() {
        return new AsyncSettings(100_000, 512L * 1024 * 1024, Duration.ofHours(24),
                Set.of("localhost", "127.0.0.1", "::1"), Duration.ofSeconds(1), Duration.ofMinutes(5), 5);
    }
}
