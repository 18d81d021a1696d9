package dev.kumo.spi.store;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Page;
import dev.kumo.core.event.CallbackDelivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.Enqueued;
import dev.kumo.core.event.FollowUp;
import dev.kumo.core.event.QueuedInvocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable state of asynchronous invocations: the invocations accepted and not finished, their
 * idempotency keys, dead letters, pending callbacks and the last fire of each schedule. Every method that
 * changes something returns only once the change is durable (committed and synced: it survives
 * {@code kill -9} and power loss); implementations group concurrent changes into one sync. Changes made
 * by one call are atomic. Scheduling (what runs when) is the caller's; this is only storage.
 */
public interface AsyncQueue {

    /**
     * Stores {@code invocation}. When it carries an idempotency key that the same function used less than
     * {@code idempotencyWindow} ago, stores nothing and answers {@link Enqueued.Duplicate} (same payload)
     * or {@link Enqueued.Conflict} (another payload) with the earlier id; otherwise claims the key for the
     * window.
     */
    Enqueued enqueue(QueuedInvocation invocation, Duration idempotencyWindow);

    /** Stores all of {@code invocations} or none (a topic's fan-out); they carry no idempotency keys. */
    void enqueueAll(List<QueuedInvocation> invocations);

    /** Replaces the stored state of a queued invocation after a failed attempt (attempts, history, notBefore). */
    void reschedule(QueuedInvocation invocation);

    /**
     * Removes the invocation {@code id} from the queue and stores what follows it, atomically. Idempotent:
     * completing an invocation no longer queued stores nothing.
     */
    void complete(ActivationId id, FollowUp followUp);

    /** Every queued invocation, oldest accepted first (read once at start, to resume them). */
    List<QueuedInvocation> pending();

    /** Every pending callback delivery (read once at start). */
    List<CallbackDelivery> pendingCallbacks();

    /** Replaces a pending callback delivery after a failed try. */
    void rescheduleCallback(CallbackDelivery delivery);

    /** Removes a callback delivery (delivered, or given up). */
    void callbackDone(ActivationId activation);

    /** Dead letters of {@code function}, oldest first, after {@code token} (empty for the first page). */
    Page<DeadLetter> deadLetters(String function, String token, int limit);

    /** One dead letter. */
    Optional<DeadLetter> deadLetter(String function, ActivationId id);

    /** Removes the dead letter and stores {@code replacement} in the queue, atomically; false when absent. */
    boolean redrive(String function, ActivationId id, QueuedInvocation replacement);

    /** Deletes a dead letter; false when absent. */
    boolean deleteDeadLetter(String function, ActivationId id);

    /** The tick of the last fire recorded for {@code schedule}. */
    Optional<Instant> lastFire(String schedule);

    /**
     * Records {@code tick} as the last fire of {@code schedule} and stores its invocation, atomically;
     * stores nothing and answers false when a fire at or after {@code tick} was already recorded (so a
     * tick never fires twice, even across restarts).
     */
    boolean fire(String schedule, Instant tick, QueuedInvocation invocation);

    /** Forgets the fires of a deleted schedule. */
    void forgetSchedule(String schedule);
}
