package dev.kumo.core.event;

import dev.kumo.core.ActivationId;

/** The outcome of storing one asynchronous invocation that may carry an idempotency key. */
public sealed interface Enqueued {

    /** The activation id the client gets. */
    ActivationId id();

    /** Stored now. */
    record Accepted(ActivationId id) implements Enqueued {
    }

    /** The key was used within the window with the same payload: nothing stored, the earlier id answers. */
    record Duplicate(ActivationId id) implements Enqueued {
    }

    /** The key was used within the window with a different payload: nothing stored (HTTP 409). */
    record Conflict(ActivationId id) implements Enqueued {
    }
}
