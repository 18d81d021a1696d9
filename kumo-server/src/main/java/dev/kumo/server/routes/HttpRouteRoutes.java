package dev.kumo.server.routes;

import dev.kumo.core.ConflictException;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.core.event.HttpRoute;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.server.urls.RoutePattern;
import dev.kumo.server.urls.RouteTable;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpMethod;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * {@code /v1/routes}: the HTTP routes (function URLs) served under the routes prefix. A route is keyed by
 * {@code METHOD path}; every change recompiles the {@link RouteTable} the prefix is served from.
 */
public final class HttpRouteRoutes {

    /** Methods a route may name; {@code ANY} accepts them all. */
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            RouteTable.ANY);

    /**
     * Body of {@code PUT /v1/routes}.
     *
     * @param method    one of {@link #METHODS} (any case)
     * @param path      pattern such as {@code /api/orders/{id}} or {@code /static/*}
     * @param function  function invoked
     * @param qualifier version or alias, default {@code $LATEST}
     */
    public record RouteRequest(String method, String path, String function, String qualifier) {
    }

    private final Store store;
    private final RouteTable table;
    private final BiFunction<String, String, FunctionVersion> resolve;
    private final JsonCodec json;
    private final InstantSource clock;
    private final NamedResources<HttpRoute> routes;

    /**
     * Creates the routes.
     *
     * @param resolve the dispatcher's resolution of function and qualifier (a NotFoundException when absent)
     */
    public HttpRouteRoutes(Store store, RouteTable table, BiFunction<String, String, FunctionVersion> resolve,
                           JsonCodec json, InstantSource clock) {
        this.store = store;
        this.table = table;
        this.resolve = resolve;
        this.json = json;
        this.clock = clock;
        this.routes = new NamedResources<>("route", store, Store::routes, EventViews.RouteView::of, json);
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.PUT, "/v1/routes", this::put)
                .add(HttpMethod.GET, "/v1/routes", routes::list)
                .add(HttpMethod.DELETE, "/v1/routes", this::delete);
    }

    private Response put(Request r) {
        var body = json.read(r.body(), RouteRequest.class);
        String method = method(InvalidRequests.required("method", body.method()));
        var pattern = RoutePattern.parse(InvalidRequests.required("path", body.path()));
        String function = Names.function(InvalidRequests.required("function", body.function()));
        String qualifier = body.qualifier() == null ? FunctionVersion.LATEST : body.qualifier();
        resolve.apply(function, qualifier);
        String key = method + " " + pattern.text();
        for (var other : store.routes().all()) {
            if (other.method().equals(method) && !other.name().equals(key)
                    && RoutePattern.parse(other.path()).shape().equals(pattern.shape())) {
                throw new ConflictException("route " + other.name() + " already serves " + method + " "
                        + pattern.shape() + "; delete it first");
            }
        }
        var existing = store.routes().get(key);
        var stored = store.routes().put(new HttpRoute(method, pattern.text(), function, qualifier,
                existing.map(HttpRoute::created).orElseGet(clock::instant)));
        table.refresh();
        return routes.stored(existing.isPresent(), stored);
    }

    private Response delete(Request r) {
        String method = method(r.query("method").orElseThrow(() ->
                ApiException.badRequest("method", "query parameter method is required")));
        String path = r.query("path").orElseThrow(() ->
                ApiException.badRequest("path", "query parameter path is required"));
        if (!store.routes().delete(method + " " + path)) {
            throw ApiException.notFound("route " + method + " " + path + " not found");
        }
        table.refresh();
        return Response.noContent();
    }

    private static String method(String raw) {
        String method = raw.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw ApiException.badRequest("method", "method must be one of " + String.join(", ", METHODS)
                    + ", got '" + raw + "'");
        }
        return method;
    }
}
