package dev.kumo.cli;

import dev.kumo.client.WorkflowRunInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kumo workflow-run get ID}: a workflow run with the state of each step. */
@Command(name = "workflow-run", description = "Inspect workflow runs.")
final class WorkflowRunCommand extends CommandGroup {

    WorkflowRunCommand() {
        super("get");
    }

    @Command(name = "get", description = "Show a run and its steps.")
    int get(@Parameters(paramLabel = "ID", description = "Run id.") String id) {
        WorkflowRunInfo r = root.client().workflows().getRun(id);
        var json = WorkflowCommand.JSON;
        var node = json.createObjectNode().put("runId", r.runId()).put("workflow", r.workflow())
                .put("status", r.status());
        node.set("input", json.readTree(r.input()));
        r.output().ifPresent(o -> node.set("output", json.readTree(o)));
        r.error().ifPresent(e -> node.set("error", json.readTree(e)));
        node.put("started", r.started().toString());
        r.ended().ifPresent(e -> node.put("ended", e.toString()));
        var steps = node.putObject("steps");
        r.steps().forEach((k, v) -> steps.set(k, json.readTree(v)));
        return shown(node.toString(), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("run", r.runId());
            fields.put("workflow", r.workflow());
            fields.put("status", r.status());
            fields.put("started", r.started().toString());
            fields.put("ended", r.ended().map(Instant::toString).orElse("-"));
            r.output().ifPresent(o -> fields.put("output", o));
            r.error().ifPresent(e -> fields.put("error", e));
            r.steps().forEach((k, v) -> {
                var s = json.readTree(v);
                fields.put("step " + k, s.path("status").asString() + ", " + s.path("attempts").asInt() + " attempt(s)"
                        + (s.has("items") ? ", " + s.get("items").asInt() + " items" : ""));
            });
            return fields;
        });
    }
}
