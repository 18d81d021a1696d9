package dev.kumo.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kumo.core.workflow.WorkflowRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run as {@code GET /v1/workflow-runs/{id}} shows it.
 *
 * @param runId    run id
 * @param workflow workflow name
 * @param status   {@code running}, {@code succeeded} or {@code failed}; {@code waiting} for an orchestration
 *                 that waits only for timers or events
 * @param input    the input
 * @param output   the output once succeeded
 * @param error    the error ({@code type}, {@code message}, {@code step}) once failed
 * @param started  start time
 * @param ended    end time
 * @param steps    state of each step by key ({@code status}, {@code attempts}, {@code startedAt},
 *                 {@code endedAt}, {@code activationIds}, {@code error}; {@code items} for a map); steps of a
 *                 parallel branch are keyed {@code step/branch/name}, a failed map element {@code step[index]};
 *                 for an orchestration, its journal by step number (see {@link Orchestrations#view})
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RunView(String runId, String workflow, String status, JsonNode input, Optional<JsonNode> output,
                      Optional<JsonNode> error, Instant started, Optional<Instant> ended,
                      Map<String, JsonNode> steps) {

    /** The view of {@code run} with its stored step states (their stored outputs are left out). */
    public static RunView of(WorkflowRun run, Map<String, String> steps) {
        var m = dev.kumo.workflow.internal.WorkflowJson.MAPPER;
        var views = new LinkedHashMap<String, JsonNode>();
        steps.forEach((k, v) -> {
            var node = (ObjectNode) m.readTree(v);
            node.remove("output");
            views.put(k, node);
        });
        return new RunView(run.id(), run.workflow(), run.status().label(), m.readTree(run.input()),
                run.output().map(m::readTree), run.error().map(m::readTree), run.started(), run.ended(), views);
    }
}
