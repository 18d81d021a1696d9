package dev.kumo.cli;

import dev.kumo.client.WorkflowInfo;
import dev.kumo.client.WorkflowRunResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code kumo workflow ...}: DAG workflow definitions and runs. */
@Command(name = "workflow", description = "Manage and run DAG workflows.")
final class WorkflowCommand extends CommandGroup {

    static final JsonMapper JSON = JsonMapper.builder().build();

    WorkflowCommand() {
        super("put, list, get, delete or run");
    }

    @Command(name = "put", description = "Create or replace a workflow from its JSON definition.")
    int put(@Parameters(paramLabel = "NAME", description = "Workflow name.") String name,
            @Option(names = "--file", required = true, paramLabel = "FILE", description = "The definition (JSON).")
            String file) {
        var command = spec.commandLine().getSubcommands().get("put");
        var definition = new String(JsonInput.read(command, "--file", "@" + file), StandardCharsets.UTF_8);
        WorkflowInfo w = root.client().workflows().put(name, definition);
        return changed(json(w), "Workflow '" + w.name() + "' stored");
    }

    @Command(name = "list", description = "List all workflows.")
    int list() {
        return listed(root.client().workflows().listAll(), WorkflowCommand::json,
                Table.of("NAME", "STEPS", "MODIFIED"),
                (table, w) -> table.row(w.name(), Integer.toString(JSON.readTree(w.definition()).path("steps").size()),
                        Printer.time(w.modified())));
    }

    @Command(name = "get", description = "Show a workflow.")
    int get(@Parameters(paramLabel = "NAME", description = "Workflow name.") String name) {
        WorkflowInfo w = root.client().workflows().get(name);
        return shown(json(w), () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", w.name());
            fields.put("created", w.created().toString());
            fields.put("modified", w.modified().toString());
            fields.put("definition", w.definition());
            return fields;
        });
    }

    @Command(name = "delete", description = "Delete a workflow (started runs go on).")
    int delete(@Parameters(paramLabel = "NAME", description = "Workflow name.") String name) {
        root.client().workflows().delete(name);
        return confirmed("Deleted workflow '" + name + "'");
    }

    @Command(name = "run", description = "Run a workflow and print its output (or its run id with --async).")
    int run(@Parameters(paramLabel = "NAME", description = "Workflow name.") String name,
            @Option(names = "--input", paramLabel = "JSON|@FILE", description = "Input (default null).") String input,
            @Option(names = "--async", description = "Return the run id at once.") boolean async,
            @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "60000",
                    description = "Longest wait of a synchronous run (default 60000).") long waitMs) {
        var command = spec.commandLine().getSubcommands().get("run");
        String body = input == null ? "null"
                : new String(JsonInput.read(command, "--input", input), StandardCharsets.UTF_8);
        var workflows = root.client().workflows();
        WorkflowRunResult r = async ? workflows.runAsync(name, body)
                : workflows.run(name, body, Duration.ofMillis(waitMs));
        var node = JSON.createObjectNode().put("runId", r.runId()).put("status", r.status());
        r.output().ifPresent(o -> node.set("output", JSON.readTree(o)));
        r.error().ifPresent(e -> node.set("error", JSON.readTree(e)));
        String message = switch (r.status()) {
            case "succeeded" -> r.output().orElse("null");
            case "failed" -> "Run " + r.runId() + " failed: " + r.error().orElse("");
            default -> "Run " + r.runId() + " is running (kumo workflow-run get " + r.runId() + ")";
        };
        root.printer().outcome(node.toString(), message);
        return r.status().equals("failed") ? ExitCode.FUNCTION_FAILED.code() : ExitCode.OK.code();
    }

    static String json(WorkflowInfo w) {
        return JSON.createObjectNode().put("name", w.name()).<tools.jackson.databind.node.ObjectNode>set("definition",
                JSON.readTree(w.definition())).put("created", w.created().toString())
                .put("modified", w.modified().toString()).toString();
    }
}
