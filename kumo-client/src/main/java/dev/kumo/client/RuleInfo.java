package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule: each event of {@code trigger} becomes an asynchronous invocation of {@code function} while enabled.
 *
 * @param name      rule name
 * @param trigger   trigger name
 * @param function  function invoked
 * @param qualifier version or alias invoked
 * @param enabled   whether events are delivered
 * @param created   when it was created
 */
public record RuleInfo(String name, String trigger, String function, String qualifier, boolean enabled,
                       Instant created) {

    /** Rejects nulls. */
    public RuleInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(created, "created");
    }

    /** This rule in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(EventWire.toJson(this));
    }
}
