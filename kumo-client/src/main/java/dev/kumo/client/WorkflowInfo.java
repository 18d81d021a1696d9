package dev.kumo.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A workflow definition as the server holds it.
 *
 * @param name       workflow name
 * @param definition the normalized definition, as JSON text
 * @param created    when it was first stored
 * @param modified   when it was last replaced
 */
public record WorkflowInfo(String name, String definition, Instant created, Instant modified) {

    /** Rejects nulls. */
    public WorkflowInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }
}
