package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Paging;
import dev.kumo.client.internal.RequestTarget;
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
        return page(function, limit, Optional.empty());
    }

    /** The page of dead letters that {@code nextToken} points to. */
    public Page<DeadLetterInfo> list(String function, int limit, String nextToken) {
        return page(function, limit, Optional.of(nextToken));
    }

    /** Every dead letter of {@code function}, oldest first. */
    public List<DeadLetterInfo> listAll(String function) {
        return Paging.all(token -> page(function, Paging.ALL_PAGE_SIZE, token));
    }

    /** One dead letter. */
    public DeadLetterInfo get(String function, String activationId) {
        return EventWire.deadLetter(Wire.parse(transport.call("GET", target(function, activationId)).body(),
                "dead letter"));
    }

    /** Queues the dead letter again under a new activation id, which it returns; the dead letter goes. */
    public String redrive(String function, String activationId) {
        var body = Wire.parse(transport.call("POST", target(function, activationId, "redrive"), "application/json",
                new byte[0]).body(), "redrive");
        return EventWire.queued(body, false).activationId();
    }

    /** Deletes a dead letter. */
    public void delete(String function, String activationId) {
        transport.call("DELETE", target(function, activationId));
    }

    private Page<DeadLetterInfo> page(String function, int limit, Optional<String> nextToken) {
        return Wire.page(Wire.parse(transport.call("GET", Paging.page(target(function), limit, nextToken)).body(),
                "dead letters"), EventWire::deadLetter);
    }

    private static RequestTarget target(String function, String... more) {
        Objects.requireNonNull(function, "function");
        var segments = new java.util.ArrayList<>(List.of("v1", "functions", function, "dead-letters"));
        segments.addAll(List.of(more));
        return new RequestTarget(segments, List.of());
    }
}
