package dev.kumo.server.routes;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Names;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.spi.store.ActivationStore;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/activations}: the record of every invocation, newest first, with logs; filtered by function and
 * status ({@code queued}, {@code dead-lettered}...), and the tree of calls between functions one made.
 */
public final class ActivationRoutes {

    /**
     * Body of {@code GET /v1/activations/{id}/logs}.
     *
     * @param activationId the activation
     * @param logs         its log lines
     */
    public record LogsView(String activationId, List<String> logs) {
    }

    /** Deepest level of a tree served. */
    static final int MAX_TREE_DEPTH = 64;
    /** Most descendants in a tree served. */
    static final int MAX_TREE_NODES = 10_000;

    private final ActivationStore activations;
    private final JsonCodec json;

    /** Creates the routes. */
    public ActivationRoutes(ActivationStore activations, JsonCodec json) {
        this.activations = activations;
        this.json = json;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/activations", this::list)
                .add(HttpMethod.GET, "/v1/activations/{id}", this::get)
                .add(HttpMethod.GET, "/v1/activations/{id}/logs", this::logs)
                .add(HttpMethod.GET, "/v1/activations/{id}/tree", this::tree);
    }

    private Response list(Request r) {
        String function = r.query("function").orElse("");
        if (!function.isEmpty() && !function.matches(Names.FUNCTION_PATTERN)) {
            throw ApiException.badRequest("function", "function must match " + Names.FUNCTION_PATTERN
                    + ", got '" + function + "'");
        }
        var status = r.query("status").map(ActivationStatus::parse);
        var page = activations.list(function, status, r.query("nextToken").orElse(""),
                r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page, Views.ActivationView::of)));
    }

    private Response get(Request r) {
        return Response.json(HttpResponseStatus.OK, json.write(Views.ActivationView.of(find(r))));
    }

    private Response logs(Request r) {
        var a = find(r);
        return Response.json(HttpResponseStatus.OK, json.write(new LogsView(a.id().value(), a.logs())));
    }

    private Response tree(Request r) {
        var budget = new int[] {MAX_TREE_NODES};
        return Response.json(HttpResponseStatus.OK, json.write(tree(find(r), 0, budget)));
    }

    /**
     * The activation and its descendants. Depth and size are bounded (the runtime bounds call depth, but the
     * store may hold chains recorded under other limits): past them, children are left out.
     */
    private Views.TreeView tree(Activation a, int depth, int[] budget) {
        if (depth >= MAX_TREE_DEPTH) {
            return Views.TreeView.of(a, List.of());
        }
        var children = new ArrayList<Views.TreeView>();
        for (var child : activations.children(a.id())) {
            if (budget[0]-- <= 0) {
                break;
            }
            children.add(tree(child, depth + 1, budget));
        }
        return Views.TreeView.of(a, children);
    }

    private Activation find(Request r) {
        var id = new ActivationId(r.param("id"));
        return activations.get(id).orElseThrow(() -> ApiException.notFound("activation '" + id + "' not found"));
    }
}
