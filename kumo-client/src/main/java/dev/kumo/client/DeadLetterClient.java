package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.ResourceCollection;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A function's dead letters ({@code /v1/functions/{name}/dead-letters}): asynchronous invocations that failed every
 * attempt, oldest first. Get one from {@link KumoClient#deadLetters()}; thread-safe.
 */
public final class DeadLetterClient {

    private final Transport transport;

    DeadLetterClient(Transport transport) {
        this.transport = transport;
    }

    /** The first page of {@code function}'s dead letters, at most {@code limit} (1-1000). */
    public Page<DeadLetterInfo> list(String function, int limit) {
        return letters(function).page(limit, Optional.empty());
    }

    /** The page of dead letters that {@code nextToken} points to. */
    public Page<DeadLetterInfo> list(String function, int limit, String nextToken) {
        return letters(function).page(limit, Optional.of(nextToken));
    }

    /** Every dead letter of {@code function}, oldest first. */
    public List<DeadLetterInfo> listAll(String function) {
        return letters(function).all();
    }

    /** One dead letter. */
    public DeadLetterInfo get(String function, String activationId) {
        return letters(function).get(activationId);
    }

    /** Queues the dead letter again under a new activation id, which it returns; the dead letter goes. */
    public String redrive(String function, String activationId) {
        var body = Wire.parse(transport.call("POST", letters(function).target(activationId, "redrive"),
                "application/json", new byte[0]).body(), "redrive");
        return EventWire.queued(body, false).activationId();
    }

    /** Deletes a dead letter. */
    public void delete(String function, String activationId) {
        letters(function).delete(activationId);
    }

    private ResourceCollection<DeadLetterInfo> letters(String function) {
        return new ResourceCollection<>(transport, RequestTarget.of("v1", "functions",
                Objects.requireNonNull(function, "function"), "dead-letters"), "dead letter", "dead letters",
                EventWire::deadLetter);
    }
}
