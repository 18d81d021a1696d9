package dev.kumo.core.event;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Attempt;
import dev.kumo.core.Names;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An asynchronous invocation the platform has accepted and not finished: durably stored from the moment
 * the client is answered 202 until its last attempt ends (then it becomes a finished activation, a dead
 * letter, or both).
 *
 * @param id             its activation id, the same for every attempt
 * @param function       function name
 * @param qualifier      {@code $LATEST}, a version number or an alias, resolved at each attempt
 * @param payload        the JSON event
 * @param accepted       when it was accepted (its age counts from here)
 * @param notBefore      the earliest time of its next attempt (retry backoff)
 * @param attempts       attempts made so far
 * @param history        those attempts, oldest first
 * @param source         where it came from: {@code api}, {@code schedule:NAME}, {@code topic:NAME},
 *                       {@code onSuccess:FUNCTION}, {@code onFailure:FUNCTION}, {@code redrive:ID}
 * @param callbackUrl    where to POST the outcome, already checked against the allowed hosts
 * @param idempotencyKey the client's key; the same key of the same function maps to this invocation
 */
public record QueuedInvocation(ActivationId id, String function, String qualifier, byte[] payload, Instant accepted,
                               Instant notBefore, int attempts, List<Attempt> history, String source,
                               Optional<String> callbackUrl, Optional<String> idempotencyKey) {

    /** Validates the function name and copies the history. */
    public QueuedInvocation {
        Names.function(function);
        history = List.copyOf(history);
        callbackUrl = callbackUrl == null ? Optional.empty() : callbackUrl;
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
    }

    /** A new invocation, due now, with no attempts yet. */
    public static QueuedInvocation accept(ActivationId id, String function, String qualifier, byte[] payload,
                                          Instant now, String source, Optional<String> callbackUrl,
                                          Optional<String> idempotencyKey) {
        return new QueuedInvocation(id, function, qualifier, payload, now, now, 0, List.of(), source, callbackUrl,
                idempotencyKey);
    }

    /** This invocation after one more failed attempt, due again at {@code next}. */
    public QueuedInvocation retryAt(Instant next, Attempt failed) {
        var more = new java.util.ArrayList<>(history);
        more.add(failed);
        return new QueuedInvocation(id, function, qualifier, payload, accepted, next, attempts + 1, more, source,
                callbackUrl, idempotencyKey);
    }
}
