package dev.kumo.server.routes;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.InstantSource;

/** {@code /v1/functions/{name}/versions}: publish, list, get, delete immutable versions. */
public final class VersionRoutes {

    /**
     * Body of a publish request.
     *
     * @param description description of the new version
     */
    public record PublishRequest(String description) {
    }

    private final Store store;
    private final JsonCodec json;
    private final InstantSource clock;

    /** Creates the routes. */
    public VersionRoutes(Store store, JsonCodec json, InstantSource clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.POST, "/v1/functions/{name}/versions", this::publish)
                .add(HttpMethod.GET, "/v1/functions/{name}/versions", this::list)
                .add(HttpMethod.GET, "/v1/functions/{name}/versions/{version}", this::get)
                .add(HttpMethod.DELETE, "/v1/functions/{name}/versions/{version}", this::delete);
    }

    private Response publish(Request r) {
        String name = Names.function(r.param("name"));
        String description = r.body().length == 0 ? "" : json.read(r.body(), PublishRequest.class).description();
        var now = clock.instant();
        var published = store.versions().publish(name, description == null ? "" : description, now)
                .orElseThrow(() -> ApiException.notFound("function '" + name + "' not found"));
        // An unchanged $LATEST returns the newest existing version, which was published before now.
        var status = published.modified().equals(now) ? HttpResponseStatus.CREATED : HttpResponseStatus.OK;
        return Response.json(status, json.write(Views.FunctionView.of(published)));
    }

    private Response list(Request r) {
        String name = requireFunction(r);
        var page = store.versions().list(name, r.query("nextToken").orElse(""), r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page, Views.FunctionView::of)));
    }

    private Response get(Request r) {
        String name = requireFunction(r);
        String version = r.param("version");
        var v = store.functions().get(name, version).orElseThrow(() ->
                ApiException.notFound("version '" + version + "' of function '" + name + "' not found"));
        return Response.json(HttpResponseStatus.OK, json.write(Views.FunctionView.of(v)));
    }

    private Response delete(Request r) {
        String name = requireFunction(r);
        String version = r.param("version");
        if (FunctionVersion.LATEST.equals(version)) {
            throw ApiException.badRequest("version", "$LATEST cannot be deleted; delete the function instead");
        }
        if (!version.matches("[1-9][0-9]*")) {
            throw ApiException.badRequest("version", "version must be a published version number, got '" + version + "'");
        }
        if (!store.versions().delete(name, version)) {
            throw ApiException.notFound("version '" + version + "' of function '" + name + "' not found");
        }
        return Response.noContent();
    }

    private String requireFunction(Request r) {
        return Functions.existing(store, r.param("name"));
    }
}
