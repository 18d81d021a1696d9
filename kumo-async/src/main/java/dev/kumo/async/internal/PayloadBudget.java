package dev.kumo.async.internal;

import dev.kumo.core.LimitExceededException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node-wide budget of payload bytes that the lanes hold in memory, across all functions: an invocation
 * counts its payload from the moment its depth is reserved until it leaves the queue (retries keep the same
 * payload, so they neither add nor give back). Client submissions past the budget are refused; what the
 * platform creates (destination and schedule invocations, invocations resumed at start) is counted but never
 * refused, so the total may pass the budget for a while, and then refuses clients until it drops below again.
 */
final class PayloadBudget {

    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    /** When a client may try again: the budget frees as invocations finish, like a full queue. */
    private static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(1);

    private final long max;
    private final AtomicLong held = new AtomicLong();

    PayloadBudget(long max) {
        this.max = max;
    }

    /**
     * Takes {@code bytes} for what a client submits, all or nothing.
     *
     * @throws LimitExceededException when the node would hold more than the budget (nothing is taken)
     */
    void take(long bytes) {
        long now;
        do {
            now = held.get();
            if (bytes > max - now) {
                throw new LimitExceededException("the node's async queue holds " + size(now)
                        + " of payloads, at most " + size(max) + "; this submission needs " + size(bytes),
                        FULL_RETRY_AFTER);
            }
        } while (!held.compareAndSet(now, now + bytes));
    }

    /** Counts {@code bytes} without a bound: for what the platform creates. */
    void add(long bytes) {
        held.addAndGet(bytes);
    }

    /** Gives back {@code bytes} of invocations that left the queue or were not stored. */
    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Payload bytes held now. */
    long held() {
        return held.get();
    }

    /** {@code 511.8 MiB}, {@code 512 MiB}, {@code 2.5 KiB}, {@code 17 bytes}: one decimal, none when whole. */
    static String size(long bytes) {
        if (bytes < KIB) {
            return bytes + " bytes";
        }
        return bytes < MIB ? decimal(bytes / KIB) + " KiB" : decimal(bytes / MIB) + " MiB";
    }

    private static String decimal(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
