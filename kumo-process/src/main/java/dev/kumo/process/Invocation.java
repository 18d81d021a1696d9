package dev.kumo.process;

import java.util.concurrent.CompletableFuture;

/**
 * One event waiting for, or handed to, a worker.
 *
 * @param requestId  {@code Lambda-Runtime-Aws-Request-Id}: the activation id
 * @param payload    the event body
 * @param deadlineMs {@code Lambda-Runtime-Deadline-Ms}: epoch milliseconds
 * @param traceId    {@code Lambda-Runtime-Trace-Id}
 * @param reply      completed when the worker posts a response or an error
 */
record Invocation(String requestId, byte[] payload, long deadlineMs, String traceId,
                  CompletableFuture<WorkerReply> reply) {

    /** A new invocation whose reply is still open. */
    static Invocation of(String requestId, byte[] payload, long deadlineMs) {
        return new Invocation(requestId, payload, deadlineMs,
                "Root=1-" + Long.toHexString(deadlineMs / 1000) + "-" + requestId.substring(0, Math.min(24,
                        requestId.length())) + ";Sampled=0", new CompletableFuture<>());
    }
}
