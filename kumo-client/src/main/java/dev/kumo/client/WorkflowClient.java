package dev.kumo.client;

import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.ResourceCollection;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import dev.kumo.client.internal.WorkflowWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * DAG workflows ({@code /v1/workflows}) and their runs ({@code /v1/workflow-runs}). Get one from
 * {@link KumoClient#workflows()}; thread-safe.
 */
public final class WorkflowClient {

    private final Transport transport;
    private final ResourceCollection<WorkflowInfo> workflows;

    WorkflowClient(Transport transport) {
        this.transport = transport;
        this.workflows = new ResourceCollection<>(transport, RequestTarget.of("v1", "workflows"), "workflow",
                "workflows", WorkflowWire::workflow);
    }

    /**
     * Creates or replaces a workflow from its JSON definition; the server validates it (400 naming the
     * field) and checks that its functions exist (404).
     *
     * @throws IllegalArgumentException when {@code definition} is not valid JSON (nothing is sent)
     */
    public WorkflowInfo put(String name, String definition) {
        return workflows.put(name, json(definition));
    }

    /** One workflow. */
    public WorkflowInfo get(String name) {
        return workflows.get(name);
    }

    /** The first page of workflows in name order. */
    public Page<WorkflowInfo> list(int limit) {
        return workflows.page(limit, Optional.empty());
    }

    /** Every workflow. */
    public List<WorkflowInfo> listAll() {
        return workflows.all();
    }

    /** Deletes a workflow; runs already started go on. */
    public void delete(String name) {
        workflows.delete(name);
    }

    /**
     * Runs a workflow on {@code input} (JSON) and waits for its end, at most {@code wait} (status
     * {@code running} when it is not over by then).
     */
    public WorkflowRunResult run(String name, String input, Duration wait) {
        var target = workflows.target(name, "run").with("timeoutMs", Math.max(1, wait.toMillis()));
        return start(target, input);
    }

    /** Starts a run of a workflow on {@code input} (JSON) and returns at once with its id. */
    public WorkflowRunResult runAsync(String name, String input) {
        return start(workflows.target(name, "run").with("mode", "async"), input);
    }

    private WorkflowRunResult start(RequestTarget target, String input) {
        var response = transport.call("POST", target, "application/json", input.getBytes(StandardCharsets.UTF_8));
        return WorkflowWire.result(Wire.parse(response.body(), "workflow run"));
    }

    /** A run with the state of each step. */
    public WorkflowRunInfo getRun(String runId) {
        var response = transport.call("GET", RequestTarget.of("v1", "workflow-runs", runId));
        return WorkflowWire.run(Wire.parse(response.body(), "workflow run"));
    }

    private static tools.jackson.databind.JsonNode json(String text) {
        try {
            return Wire.parse(text.getBytes(StandardCharsets.UTF_8), "workflow definition");
        } catch (KumoProtocolException e) {
            throw new IllegalArgumentException("the workflow definition is not valid JSON: " + e.getMessage(), e);
        }
    }
}
