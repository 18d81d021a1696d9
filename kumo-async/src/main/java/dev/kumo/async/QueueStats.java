package dev.kumo.async;

/**
 * A function's asynchronous queue right now.
 *
 * @param queued  invocations waiting (for a first attempt or a retry)
 * @param running attempts running
 */
public record QueueStats(int queued, int running) {
}
