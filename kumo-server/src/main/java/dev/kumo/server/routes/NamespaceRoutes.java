package dev.kumo.server.routes;

import dev.kumo.core.event.Namespace;
import dev.kumo.server.compat.openwhisk.Namespaces;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * {@code /v1/namespaces}: the namespaces of the OpenWhisk-compatible API. Creating one, or rotating its
 * key, answers its {@code uuid:key} once; Kumo keeps only a hash of the key.
 */
public final class NamespaceRoutes {

    /**
     * A namespace as listed.
     *
     * @param name    namespace name
     * @param uuid    the user part of its credentials
     * @param created when it was created (ISO-8601)
     */
    public record NamespaceView(String name, String uuid, String created) {

        static NamespaceView of(Namespace ns) {
            return new NamespaceView(ns.name(), ns.uuid(), ns.created().toString());
        }
    }

    /**
     * A namespace with its credentials, answered once.
     *
     * @param name namespace name
     * @param uuid the user part of its credentials
     * @param auth {@code uuid:key}, for HTTP basic auth
     */
    public record IssuedView(String name, String uuid, String auth) {

        static IssuedView of(Namespaces.Issued issued) {
            return new IssuedView(issued.namespace().name(), issued.namespace().uuid(), issued.auth());
        }
    }

    /**
     * The list.
     *
     * @param items every namespace, in name order
     */
    public record NamespaceList(List<NamespaceView> items) {
    }

    private final Namespaces namespaces;
    private final JsonCodec json;

    /** Creates the routes. */
    public NamespaceRoutes(Namespaces namespaces, JsonCodec json) {
        this.namespaces = namespaces;
        this.json = json;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/namespaces", this::list)
                .add(HttpMethod.PUT, "/v1/namespaces/{name}", this::create)
                .add(HttpMethod.GET, "/v1/namespaces/{name}", this::get)
                .add(HttpMethod.DELETE, "/v1/namespaces/{name}", this::delete)
                .add(HttpMethod.POST, "/v1/namespaces/{name}/key", this::rotate);
    }

    private Response list(Request r) {
        return Response.json(HttpResponseStatus.OK, json.write(new NamespaceList(
                namespaces.all().stream().map(NamespaceView::of).toList())));
    }

    private Response create(Request r) {
        var issued = namespaces.create(r.param("name"));
        return Response.json(HttpResponseStatus.CREATED, json.write(IssuedView.of(issued)));
    }

    private Response get(Request r) {
        return Response.json(HttpResponseStatus.OK, json.write(NamespaceView.of(namespaces.get(r.param("name")))));
    }

    private Response delete(Request r) {
        if (!namespaces.delete(r.param("name"))) {
            throw ApiException.notFound("namespace '" + r.param("name") + "' not found");
        }
        return Response.noContent();
    }

    private Response rotate(Request r) {
        return Response.json(HttpResponseStatus.OK, json.write(IssuedView.of(namespaces.rotate(r.param("name")))));
    }
}
