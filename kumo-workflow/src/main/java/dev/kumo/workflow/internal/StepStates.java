package dev.kumo.workflow.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON a step's state is stored as ({@code status}, {@code attempts}, {@code startedAt}, {@code endedAt},
 * {@code activationIds}, plus {@code output}, {@code error}, {@code items} or {@code next} where they apply),
 * and the error objects runs fail with ({@code type}, {@code message}, {@code step}).
 */
final class StepStates {

    private StepStates() {
    }

    /** A step state with no output or error yet. */
    static ObjectNode state(String status, int attempts, Instant started, Optional<Instant> ended, List<String> ids) {
        var s = WorkflowJson.MAPPER.createObjectNode().put("status", status).put("attempts", attempts)
                .put("startedAt", started.toString());
        ended.ifPresent(e -> s.put("endedAt", e.toString()));
        if (!ids.isEmpty()) {
            var array = s.putArray("activationIds");
            ids.forEach(array::add);
        }
        return s;
    }

    /** An error object. */
    static ObjectNode error(String type, String message) {
        return WorkflowJson.MAPPER.createObjectNode().put("type", type).put("message", message);
    }
}
