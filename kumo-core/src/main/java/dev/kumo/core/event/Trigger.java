package dev.kumo.core.event;

import dev.kumo.core.Names;
import java.time.Instant;

/**
 * A named event source (the OpenWhisk trigger): events posted to {@code /v1/topics/{name}/events} are
 * delivered to the function of every enabled {@link Rule} naming it.
 *
 * @param name        unique name, also the topic name
 * @param description free text
 * @param created     when it was created
 */
public record Trigger(String name, String description, Instant created) implements Named {

    /** Validates the name. */
    public Trigger {
        Names.resource("name", name);
        description = description == null ? "" : description;
    }
}
