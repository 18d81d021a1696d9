/**
 * How asynchronous invocations work inside: the in-memory lanes that feed each function's attempts from
 * the durable queue, the worker that runs an attempt and settles its outcome (retry, success, dead letter),
 * destinations and callbacks, schedule expressions and the scheduler, topics and metrics. Nothing here is
 * API; the server talks to {@link dev.kumo.async.AsyncRuntime}.
 */
package dev.kumo.async.internal;
