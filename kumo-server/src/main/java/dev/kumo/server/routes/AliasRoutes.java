package dev.kumo.server.routes;

import dev.kumo.core.Alias;
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
import java.util.Map;

/** {@code /v1/functions/{name}/aliases}: named pointers to versions with weighted traffic split. */
public final class AliasRoutes {

    /**
     * Body of {@code PUT .../aliases/{alias}}.
     *
     * @param version                  primary version
     * @param additionalVersionWeights canary version and its share
     * @param description              free text
     */
    public record AliasRequest(String version, Map<String, Double> additionalVersionWeights, String description) {
    }

    private final Store store;
    private final JsonCodec json;
    private final InstantSource clock;

    /** Creates the routes. */
    public AliasRoutes(Store store, JsonCodec json, InstantSource clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/functions/{name}/aliases", this::list)
                .add(HttpMethod.PUT, "/v1/functions/{name}/aliases/{alias}", this::put)
                .add(HttpMethod.GET, "/v1/functions/{name}/aliases/{alias}", this::get)
                .add(HttpMethod.DELETE, "/v1/functions/{name}/aliases/{alias}", this::delete);
    }

    private Response put(Request r) {
        String name = requireFunction(r);
        var body = json.read(r.body(), AliasRequest.class);
        if (body.version() == null) {
            throw ApiException.badRequest("version", "version is required");
        }
        var alias = store.aliases().put(new Alias(name, Names.alias(r.param("alias")), body.version(),
                body.additionalVersionWeights(), body.description(), clock.instant()));
        return Response.json(HttpResponseStatus.OK, json.write(Views.AliasView.of(alias)));
    }

    private Response get(Request r) {
        String name = requireFunction(r);
        String alias = r.param("alias");
        var found = store.aliases().get(name, alias).orElseThrow(() ->
                ApiException.notFound("alias '" + alias + "' of function '" + name + "' not found"));
        return Response.json(HttpResponseStatus.OK, json.write(Views.AliasView.of(found)));
    }

    private Response list(Request r) {
        String name = requireFunction(r);
        var page = store.aliases().list(name, r.query("nextToken").orElse(""), r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page, Views.AliasView::of)));
    }

    private Response delete(Request r) {
        String name = requireFunction(r);
        String alias = r.param("alias");
        if (!store.aliases().delete(name, alias)) {
            throw ApiException.notFound("alias '" + alias + "' of function '" + name + "' not found");
        }
        return Response.noContent();
    }

    private String requireFunction(Request r) {
        return Functions.existing(store, r.param("name"));
    }
}
