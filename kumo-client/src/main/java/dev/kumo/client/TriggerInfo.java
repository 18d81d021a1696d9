package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.Objects;

/**
 * A trigger: a named event source (topic) that rules link to functions.
 *
 * @param name        trigger name, also the topic name
 * @param description free text, possibly empty
 * @param created     when it was created
 */
public record TriggerInfo(String name, String description, Instant created) {

    /** Rejects nulls. */
    public TriggerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(created, "created");
    }

    /** This trigger in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(EventWire.toJson(this));
    }
}
