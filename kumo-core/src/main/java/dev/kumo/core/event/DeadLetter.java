package dev.kumo.core.event;

import java.time.Instant;

/**
 * An asynchronous invocation that will not be tried again: every attempt failed, it grew older than the
 * function's {@code maxEventAgeSeconds}, or its function no longer exists. Kept until redriven or deleted.
 *
 * @param invocation   the invocation as it was after its last attempt (payload, attempts and their history)
 * @param deadLettered when it was moved here
 * @param reason       why, for people: {@code "retries exhausted after 3 attempts"}...
 */
public record DeadLetter(QueuedInvocation invocation, Instant deadLettered, String reason) {
}
