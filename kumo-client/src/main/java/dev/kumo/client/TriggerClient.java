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
 * Triggers ({@code /v1/triggers}) and their topics ({@code /v1/topics/{topic}/events}): an event published to a
 * topic becomes an asynchronous invocation of the function of every enabled rule of the trigger. Get one from
 * {@link KumoClient#triggers()}; thread-safe.
 */
public final class TriggerClient {

    private final Transport transport;

    TriggerClient(Transport transport) {
        this.transport = transport;
    }

    /** Creates or replaces a trigger. */
    public TriggerInfo put(String name, String description) {
        var body = Wire.object().put("description", Objects.requireNonNull(description, "description"));
        return EventWire.trigger(Wire.parse(transport.call("PUT", target(name), "application/json", Wire.bytes(body))
                .body(), "trigger"));
    }

    /** One trigger. */
    public TriggerInfo get(String name) {
        return EventWire.trigger(Wire.parse(transport.call("GET", target(name)).body(), "trigger"));
    }

    /** The first page of triggers in name order. */
    public Page<TriggerInfo> list(int limit) {
        return page(limit, Optional.empty());
    }

    /** The page of triggers that {@code nextToken} points to. */
    public Page<TriggerInfo> list(int limit, String nextToken) {
        return page(limit, Optional.of(nextToken));
    }

    /** Every trigger. */
    public List<TriggerInfo> listAll() {
        return Paging.all(token -> page(Paging.ALL_PAGE_SIZE, token));
    }

    /** Deletes a trigger; refused (409) while rules name it. */
    public void delete(String name) {
        transport.call("DELETE", target(name));
    }

    /**
     * Publishes an event (JSON; empty means {@code null}) to {@code topic}: one asynchronous invocation per enabled
     * rule, all stored durably before this returns.
     */
    public PublishResult publish(String topic, byte[] event) {
        var target = RequestTarget.of("v1", "topics", Objects.requireNonNull(topic, "topic"), "events");
        return EventWire.published(Wire.parse(transport.call("POST", target, "application/json", event).body(),
                "topic event"));
    }

    private Page<TriggerInfo> page(int limit, Optional<String> nextToken) {
        return Wire.page(Wire.parse(transport.call("GET", Paging.page(RequestTarget.of("v1", "triggers"), limit,
                nextToken)).body(), "triggers"), EventWire::trigger);
    }

    private static RequestTarget target(String name) {
        return RequestTarget.of("v1", "triggers", Objects.requireNonNull(name, "name"));
    }
}
