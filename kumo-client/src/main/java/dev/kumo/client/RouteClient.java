package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.ResourceCollection;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP routes ({@code /v1/routes}): method and path patterns served as function URLs under the server's routes
 * prefix ({@code /fn} by default). Get one from {@link KumoClient#routes()}; thread-safe.
 */
public final class RouteClient {

    private static final RequestTarget ROUTES = RequestTarget.of("v1", "routes");

    private final Transport transport;
    private final ResourceCollection<RouteInfo> routes;

    RouteClient(Transport transport) {
        this.transport = transport;
        this.routes = new ResourceCollection<>(transport, ROUTES, "route", "routes", EventWire::route);
    }

    /** Routes {@code method} (or {@code ANY}) and {@code path} to the {@code $LATEST} of {@code function}. */
    public RouteInfo put(String method, String path, String function) {
        return put(method, path, function, "$LATEST");
    }

    /**
     * Creates or replaces the route of {@code method} and {@code path}.
     *
     * @param path      pattern such as {@code /api/orders/{id}} or {@code /static/*}
     * @param qualifier version or alias invoked
     */
    public RouteInfo put(String method, String path, String function, String qualifier) {
        var body = Wire.object().put("method", Objects.requireNonNull(method, "method"))
                .put("path", Objects.requireNonNull(path, "path"))
                .put("function", Objects.requireNonNull(function, "function"))
                .put("qualifier", Objects.requireNonNull(qualifier, "qualifier"));
        return routes.put(ROUTES, body);
    }

    /** The first page of routes in key order. */
    public Page<RouteInfo> list(int limit) {
        return routes.page(limit, Optional.empty());
    }

    /** The page of routes that {@code nextToken} points to. */
    public Page<RouteInfo> list(int limit, String nextToken) {
        return routes.page(limit, Optional.of(nextToken));
    }

    /** Every route. */
    public List<RouteInfo> listAll() {
        return routes.all();
    }

    /** Deletes the route of {@code method} and {@code path} (the pattern exactly as it was put). */
    public void delete(String method, String path) {
        transport.call("DELETE", ROUTES.with("method", Objects.requireNonNull(method))
                .with("path", Objects.requireNonNull(path)));
    }
}
