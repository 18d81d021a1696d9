package dev.kumo.core.event;

import dev.kumo.core.Names;
import java.time.Instant;

/**
 * Links a {@link Trigger} to a function (the OpenWhisk rule): each event of the trigger becomes one
 * asynchronous invocation of the function while the rule is enabled.
 *
 * @param name      unique name
 * @param trigger   trigger name
 * @param function  function invoked
 * @param qualifier version or alias invoked
 * @param enabled   whether events are delivered
 * @param created   when it was created
 */
public record Rule(String name, String trigger, String function, String qualifier, boolean enabled,
                   Instant created) implements Named {

    /** Validates names. */
    public Rule {
        Names.resource("name", name);
        Names.resource("trigger", trigger);
        Names.function(function);
    }
}
