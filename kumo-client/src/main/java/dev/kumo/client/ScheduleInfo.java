package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule as the server holds it.
 *
 * @param name       schedule name
 * @param function   function invoked
 * @param qualifier  version or alias invoked
 * @param expression cron or rate expression
 * @param payload    the JSON event of every fire, as text
 * @param enabled    whether it fires
 * @param created    when it was created
 * @param nextFire   when it fires next; empty when disabled
 * @param lastFire   the tick of its last fire; empty before the first
 */
public record ScheduleInfo(String name, String function, String qualifier, String expression, String payload,
                           boolean enabled, Instant created, Optional<Instant> nextFire, Optional<Instant> lastFire) {

    /** Rejects nulls. */
    public ScheduleInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(nextFire, "nextFire");
        Objects.requireNonNull(lastFire, "lastFire");
    }

    /** This schedule in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(EventWire.toJson(this));
    }
}
