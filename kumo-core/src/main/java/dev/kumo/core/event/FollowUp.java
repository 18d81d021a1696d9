package dev.kumo.core.event;

import java.util.List;
import java.util.Optional;

/**
 * What a finished asynchronous invocation leaves behind, stored in the same atomic commit that removes it
 * from the queue, so a crash never loses one without the other.
 *
 * @param deadLetter  the dead letter, when it failed for good
 * @param invocations destination invocations ({@code onSuccess} / {@code onFailure})
 * @param callbacks   callback deliveries
 */
public record FollowUp(Optional<DeadLetter> deadLetter, List<QueuedInvocation> invocations,
                       List<CallbackDelivery> callbacks) {

    /** Nothing follows. */
    public static final FollowUp NONE = new FollowUp(Optional.empty(), List.of(), List.of());

    /** Copies the lists. */
    public FollowUp {
        invocations = List.copyOf(invocations);
        callbacks = List.copyOf(callbacks);
    }
}
