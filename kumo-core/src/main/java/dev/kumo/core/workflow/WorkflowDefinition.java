package dev.kumo.core.workflow;

import dev.kumo.core.Names;
import dev.kumo.core.event.Named;
import java.time.Instant;

/**
 * A stored workflow definition.
 *
 * @param name       workflow name
 * @param definition the validated definition as JSON text
 * @param created    when it was first stored
 * @param modified   when it was last replaced
 */
public record WorkflowDefinition(String name, String definition, Instant created, Instant modified)
        implements Named {

    /** Validates the name. */
    public WorkflowDefinition {
        Names.resource("name", name);
        if (definition == null || created == null || modified == null) {
            throw new IllegalArgumentException("definition, created and modified are required");
        }
    }
}
