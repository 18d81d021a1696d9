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
 * Triggers ({@code /v1/triggers}) and their topics ({@code /v1/topics/{topic}/events}): an event published to a
 * topic becomes an asynchronous invocation of the function of every enabled rule of the trigger. Get one from
 * {@link KumoClient#triggers()}; thread-safe.
 */
public final class TriggerClient {

    private final Transport transport;
    private final ResourceCollection<TriggerInfo> triggers;

    TriggerClient(Transport transport) {
        this.transport = transport;
        this.triggers = new ResourceCollection<>(transport, RequestTarget.of("v1", "triggers"), "trigger",
                "triggers", EventWire::trigger);
    }

    /** Creates or replaces a trigger. */
    public TriggerInfo put(String name, String description) {
        var body = Wire.object().put("description", Objects.requireNonNull(description, "description"));
        return triggers.put(name, body);
    }

    /** One trigger. */
    public TriggerInfo get(String name) {
        return triggers.get(name);
    }

    /** The first page of triggers in name order. */
    public Page<TriggerInfo> list(int limit) {
        return triggers.page(limit, Optional.empty());
    }

    /** The page of triggers that {@code nextToken} points to. */
    public Page<TriggerInfo> list(int limit, String nextToken) {
        return triggers.page(limit, Optional.of(nextToken));
    }

    /** Every trigger. */
    public List<TriggerInfo> listAll() {
        return triggers.all();
    }

    /** Deletes a trigger; refused (409) while rules name it. */
    public void delete(String name) {
        triggers.delete(name);
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
}
