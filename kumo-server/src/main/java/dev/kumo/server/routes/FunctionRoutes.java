package dev.kumo.server.routes;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/functions}: deploy (JSON or raw jar), get, list, delete. */
public final class FunctionRoutes {

    private static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/x-java-archive",
            "application/zip", "application/octet-stream");

    private final Store store;
    private final Deployer deployer;
    private final JsonCodec json;
    private final java.util.function.Consumer<String> retire;

    /** Creates the routes; {@code retire} drops warm instances of a deleted function. */
    public FunctionRoutes(Store store, Deployer deployer, JsonCodec json, java.util.function.Consumer<String> retire) {
        this.store = store;
        this.deployer = deployer;
        this.json = json;
        this.retire = retire;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/functions", this::list)
                .add(HttpMethod.PUT, "/v1/functions/{name}", this::putJson)
                .add(HttpMethod.GET, "/v1/functions/{name}", this::get)
                .add(HttpMethod.DELETE, "/v1/functions/{name}", this::delete)
                .add(HttpMethod.PUT, "/v1/functions/{name}/code", this::putCode);
    }

    private Response putJson(Request r) {
        var body = json.read(r.body(), DeployRequest.class);
        Optional<byte[]> jar = body.inlineCode().map(FunctionRoutes::decode);
        return deployed(deployer.deploy(r.param("name"), body, jar));
    }

    private Response putCode(Request r) {
        String type = r.header(HttpHeaderNames.CONTENT_TYPE).map(t -> t.split(";")[0].trim().toLowerCase()).orElse("");
        if (!JAR_TYPES.contains(type)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType",
                    "code uploads must be sent as application/java-archive, got '" + type + "'");
        }
        if (r.body().length == 0) {
            throw ApiException.badRequest("code", "request body is empty; expected a jar");
        }
        var config = new DeployRequest(r.query("handler").orElse(null), r.query("runtime").orElse(null), null,
                intParam(r, "memoryMb"), r.query("timeoutMs").map(v -> (long) parseInt("timeoutMs", v)).orElse(null),
                intParam(r, "concurrency"), intParam(r, "maxInstances"), r.query("tier").orElse(null), null,
                r.query("description").orElse(null), null, r.query("network").orElse(null));
        return deployed(deployer.deploy(r.param("name"), config, Optional.of(r.body())));
    }

    private Response deployed(Deployer.Deployed d) {
        var status = d.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK;
        return Response.json(status, json.write(Views.FunctionView.of(d.version())));
    }

    private Response get(Request r) {
        String name = Names.function(r.param("name"));
        String qualifier = r.query("qualifier").orElse(FunctionVersion.LATEST);
        return Response.json(HttpResponseStatus.OK, json.write(Views.FunctionView.of(resolve(name, qualifier))));
    }

    /** Resolves $LATEST, a version number or an alias (its primary version) to a stored version. */
    FunctionVersion resolve(String name, String qualifier) {
        Functions.existing(store, name);
        if (qualifier.equals(FunctionVersion.LATEST) || qualifier.matches("[0-9]+")) {
            return store.functions().get(name, qualifier).orElseThrow(() ->
                    ApiException.notFound("version '" + qualifier + "' of function '" + name + "' not found"));
        }
        var alias = store.aliases().get(name, qualifier).orElseThrow(() ->
                ApiException.notFound("alias '" + qualifier + "' of function '" + name + "' not found"));
        return store.functions().get(name, alias.version()).orElseThrow(() ->
                ApiException.notFound("version '" + alias.version() + "' of function '" + name + "' not found"));
    }

    private Response list(Request r) {
        var page = store.functions().list(r.query("nextToken").orElse(""), r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page, Views.FunctionView::of)));
    }

    private Response delete(Request r) {
        String name = Names.function(r.param("name"));
        if (!store.functions().delete(name)) {
            throw ApiException.notFound("function '" + name + "' not found");
        }
        retire.accept(name);
        return Response.noContent();
    }

    private static byte[] decode(DeployRequest.Code code) {
        boolean jar = code.jarBase64() != null && !code.jarBase64().isBlank();
        boolean zip = code.zipBase64() != null && !code.zipBase64().isBlank();
        if (jar == zip) {
            throw ApiException.badRequest("code.jarBase64", "exactly one of code.jarBase64 and code.zipBase64 is"
                    + " required when code is given");
        }
        String field = jar ? "code.jarBase64" : "code.zipBase64";
        try {
            return Base64.getDecoder().decode((jar ? code.jarBase64() : code.zipBase64()).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " is not valid base64: " + e.getMessage());
        }
    }

    private static Integer intParam(Request r, String name) {
        return r.query(name).map(v -> parseInt(name, v)).orElse(null);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, name + " must be an integer, got '" + value + "'");
        }
    }
}
