/**
 * Asynchronous invocations: the workers that drain the durable queue with each function's concurrency
 * limits, retries with backoff and jitter, dead letters, destinations, callbacks, schedules and topics.
 */
package dev.kumo.async;
