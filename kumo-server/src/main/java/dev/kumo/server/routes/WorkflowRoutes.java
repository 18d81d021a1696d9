package dev.kumo.server.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kumo.core.Names;
import dev.kumo.core.workflow.WorkflowDefinition;
import dev.kumo.core.workflow.WorkflowRun;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.workflow.WorkflowRuntime;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code /v1/workflows} and {@code /v1/workflow-runs}: DAG workflow definitions, runs (synchronous by
 * default: the answer waits for the run's end, up to {@code timeoutMs}) and the state of each run's steps.
 */
public final class WorkflowRoutes {

    /** Default wait of a synchronous run. */
    static final int DEFAULT_WAIT_MS = 60_000;

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /**
     * A stored workflow.
     *
     * @param name       name
     * @param definition the definition, normalized
     * @param created    first stored
     * @param modified   last replaced
     */
    public record WorkflowView(String name, JsonNode definition, Instant created, Instant modified) {

        static WorkflowView of(JsonCodec json, WorkflowDefinition d) {
            return new WorkflowView(d.name(), json.mapper().readTree(d.definition()), d.created(), d.modified());
        }
    }

    /**
     * The answer to a run request.
     *
     * @param runId  run id
     * @param status {@code running}, {@code succeeded} or {@code failed}; absent for an asynchronous run
     * @param output output once succeeded
     * @param error  error once failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunResult(String runId, String status, JsonNode output, JsonNode error) {
    }

    private final WorkflowRuntime workflows;
    private final JsonCodec json;

    /** Creates the routes. */
    public WorkflowRoutes(WorkflowRuntime workflows, JsonCodec json) {
        this.workflows = workflows;
        this.json = json;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/workflows", this::list)
                .add(HttpMethod.PUT, "/v1/workflows/{name}", this::put)
                .add(HttpMethod.GET, "/v1/workflows/{name}", this::get)
                .add(HttpMethod.DELETE, "/v1/workflows/{name}", this::delete)
                .add(HttpMethod.POST, "/v1/workflows/{name}/run", this::run)
                .add(HttpMethod.GET, "/v1/workflow-runs/{id}", this::runState)
                .add(HttpMethod.POST, "/v1/workflow-runs/{id}/events/{name}", this::event)
                .add(HttpMethod.POST, "/v1/orchestrations/{function}/start", this::startOrchestration);
    }

    private Response list(Request r) {
        var page = workflows.store().definitions().list(r.query("nextToken").orElse(""),
                r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page, d -> WorkflowView.of(json, d))));
    }

    private Response put(Request r) {
        String name = Names.resource("name", r.param("name"));
        if (r.body().length == 0) {
            throw ApiException.badRequest("", "request body is empty; expected a workflow definition");
        }
        var stored = workflows.put(name, yaml(r) ? yamlToJson(r.body())
                : new String(r.body(), StandardCharsets.UTF_8));
        return Response.json(stored.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                json.write(WorkflowView.of(json, stored.definition())));
    }

    private static boolean yaml(Request r) {
        var type = r.header("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml");
    }

    /** The YAML document as JSON text, so that it is checked by exactly the rules of a JSON definition. */
    private static String yamlToJson(byte[] body) {
        JsonNode tree;
        try {
            tree = YAML.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("", "request body is not valid YAML: " + e.getOriginalMessage());
        }
        return tree.toString();
    }

    private Response get(Request r) {
        String name = r.param("name");
        var d = workflows.store().definitions().get(name)
                .orElseThrow(() -> ApiException.notFound("workflow '" + name + "' not found"));
        return Response.json(HttpResponseStatus.OK, json.write(WorkflowView.of(json, d)));
    }

    private Response delete(Request r) {
        String name = r.param("name");
        if (!workflows.store().definitions().delete(name)) {
            throw ApiException.notFound("workflow '" + name + "' not found");
        }
        return Response.noContent();
    }

    private Response run(Request r) throws InterruptedException {
        String name = r.param("name");
        boolean async = switch (r.query("mode").orElse("sync").strip().toLowerCase(Locale.ROOT)) {
            case "async" -> true;
            case "sync" -> false;
            default -> throw ApiException.badRequest("mode", "mode must be 'sync' or 'async', got '"
                    + r.query("mode").orElse("") + "'");
        };
        int waitMs = r.intQuery("timeoutMs", DEFAULT_WAIT_MS, 1, 900_000);
        JsonBodies.requireJson(json, r.body());
        var started = workflows.run(name, r.body());
        if (async) {
            return Response.json(HttpResponseStatus.ACCEPTED, json.write(new RunResult(started.id(), null, null, null)));
        }
        var run = workflows.await(started.id(), Duration.ofMillis(waitMs)).orElse(started);
        var status = run.ended().isPresent() ? HttpResponseStatus.OK : HttpResponseStatus.ACCEPTED;
        return Response.json(status, json.write(result(run)));
    }

    /** Starts an orchestration: 202 with the run id, or with {@code wait} the outcome once it ends in time. */
    private Response startOrchestration(Request r) throws InterruptedException {
        String function = r.param("function");
        int waitMs = r.intQuery("wait", 0, 0, 900_000);
        JsonBodies.requireJson(json, r.body());
        var started = workflows.orchestrations().start(function, r.body());
        if (waitMs == 0) {
            return Response.json(HttpResponseStatus.ACCEPTED, json.write(new RunResult(started.id(), null, null, null)));
        }
        var run = workflows.orchestrations().await(started.id(), Duration.ofMillis(waitMs)).orElse(started);
        var status = run.ended().isPresent() ? HttpResponseStatus.OK : HttpResponseStatus.ACCEPTED;
        return Response.json(status, json.write(result(run)));
    }

    /** Records an external event for an orchestration run: 202; 404 for an unknown run, 409 for an ended one. */
    private Response event(Request r) {
        JsonBodies.requireJson(json, r.body());
        workflows.orchestrations().event(r.param("id"), Names.resource("name", r.param("name")), r.body());
        return Response.json(HttpResponseStatus.ACCEPTED, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private RunResult result(WorkflowRun run) {
        var m = json.mapper();
        return new RunResult(run.id(), run.status().label(), run.output().map(m::readTree).orElse(null),
                run.error().map(m::readTree).orElse(null));
    }

    private Response runState(Request r) {
        String id = r.param("id");
        var view = workflows.view(id).orElseThrow(() -> ApiException.notFound("workflow run '" + id + "' not found"));
        return new Response(HttpResponseStatus.OK, Response.JSON, Map.of(), json.write(view));
    }
}
