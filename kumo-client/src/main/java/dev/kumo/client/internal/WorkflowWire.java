package dev.kumo.client.internal;

import dev.kumo.client.WorkflowInfo;
import dev.kumo.client.WorkflowRunInfo;
import dev.kumo.client.WorkflowRunResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The wire JSON of workflows and their runs. */
public final class WorkflowWire {

    private WorkflowWire() {
    }

    /** Reads a workflow. */
    public static WorkflowInfo workflow(JsonNode node) {
        String what = "workflow";
        Wire.requireObject(node, what);
        return new WorkflowInfo(Wire.text(node, "name", what), node.path("definition").toString(),
                Wire.instant(node, "created", what), Wire.instant(node, "modified", what));
    }

    /** Reads the answer to a run request. */
    public static WorkflowRunResult result(JsonNode node) {
        String what = "workflow run";
        Wire.requireObject(node, what);
        return new WorkflowRunResult(Wire.text(node, "runId", what),
                Wire.optionalText(node, "status").orElse("running"), json(node, "output"), json(node, "error"));
    }

    /** Reads a run with its steps. */
    public static WorkflowRunInfo run(JsonNode node) {
        String what = "workflow run";
        Wire.requireObject(node, what);
        var steps = new LinkedHashMap<String, String>();
        for (var e : node.path("steps").properties()) {
            steps.put(e.getKey(), e.getValue().toString());
        }
        return new WorkflowRunInfo(Wire.text(node, "runId", what), Wire.text(node, "workflow", what),
                Wire.text(node, "status", what), node.path("input").toString(), json(node, "output"),
                json(node, "error"), Wire.instant(node, "started", what),
                node.hasNonNull("ended") ? Optional.of(Wire.instant(node, "ended", what)) : Optional.<Instant>empty(),
                steps);
    }

    private static Optional<String> json(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).toString()) : Optional.empty();
    }
}
