package dev.kumo.server.routes;

import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} (Prometheus text format). */
public final class OpsRoutes {

    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STARTING = "{\"status\":\"starting\"}".getBytes(StandardCharsets.UTF_8);

    private final PrometheusMeterRegistry metrics;
    private final BooleanSupplier ready;

    /** Creates the routes; {@code ready} turns true once the platform serves functions. */
    public OpsRoutes(PrometheusMeterRegistry metrics, BooleanSupplier ready) {
        this.metrics = metrics;
        this.ready = ready;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/healthz", r -> Response.json(HttpResponseStatus.OK, OK))
                .add(HttpMethod.GET, "/readyz", this::readyz)
                .add(HttpMethod.GET, "/metrics", this::metrics);
    }

    private Response readyz(Request r) {
        return ready.getAsBoolean() ? Response.json(HttpResponseStatus.OK, OK)
                : Response.json(HttpResponseStatus.SERVICE_UNAVAILABLE, STARTING);
    }

    private Response metrics(Request r) {
        return Response.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }
}
