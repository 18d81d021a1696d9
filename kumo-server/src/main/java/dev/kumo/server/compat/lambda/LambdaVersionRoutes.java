package dev.kumo.server.compat.lambda;

import dev.kumo.core.Alias;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.server.compat.lambda.LambdaShapes.AliasConfiguration;
import dev.kumo.server.compat.lambda.LambdaShapes.AliasList;
import dev.kumo.server.compat.lambda.LambdaShapes.FunctionConfiguration;
import dev.kumo.server.compat.lambda.LambdaShapes.VersionList;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Map;

/**
 * Lambda's version and alias calls: PublishVersion, ListVersionsByFunction, CreateAlias, GetAlias, UpdateAlias,
 * DeleteAlias and ListAliases. An alias's {@code RoutingConfig.AdditionalVersionWeights} is Kumo's weighted alias
 * (at most one additional version).
 */
final class LambdaVersionRoutes {

    /** The marker of a version listing's later pages: this prefix, then the store's page token. */
    private static final String VERSIONS_MARKER = "v";

    private final Store store;
    private final JsonCodec json;
    private final InstantSource clock;

    LambdaVersionRoutes(Store store, JsonCodec json, InstantSource clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    Response publish(Request r) {
        String name = existing(FunctionRef.unqualified(r, "PublishVersion"));
        var body = LambdaBodies.object(json, r.body());
        String description = LambdaBodies.text(body, "Description").orElse("");
        var published = store.versions().publish(name, description, clock.instant())
                .orElseThrow(() -> LambdaFunctionRoutes.notFound(name, FunctionVersion.LATEST));
        return json(HttpResponseStatus.CREATED, FunctionConfiguration.of(published));
    }

    /** {@code $LATEST} first, as in Lambda, then the published versions in ascending order. */
    Response listVersions(Request r) {
        String name = existing(FunctionRef.unqualified(r, "ListVersionsByFunction"));
        int max = Math.min(LambdaFunctionRoutes.maxItems(r), 1000);
        var marker = r.query("Marker").filter(m -> !m.isEmpty());
        if (marker.isPresent() && !marker.get().startsWith(VERSIONS_MARKER)) {
            throw LambdaErrors.invalidParameter("Marker '" + marker.get() + "' was not returned by this listing");
        }
        var versions = new ArrayList<FunctionConfiguration>();
        String token = marker.map(m -> m.substring(VERSIONS_MARKER.length())).orElse("");
        if (marker.isEmpty()) {
            versions.add(FunctionConfiguration.of(store.functions().get(name, FunctionVersion.LATEST)
                    .orElseThrow(() -> LambdaFunctionRoutes.notFound(name, FunctionVersion.LATEST))));
            if (max == 1) {
                boolean more = !store.versions().list(name, "", 1).items().isEmpty();
                return json(HttpResponseStatus.OK, new VersionList(versions, more ? VERSIONS_MARKER : null));
            }
        }
        var page = store.versions().list(name, token, marker.isEmpty() ? max - 1 : max);
        page.items().forEach(v -> versions.add(FunctionConfiguration.of(v)));
        return json(HttpResponseStatus.OK, new VersionList(versions,
                page.nextToken().map(t -> VERSIONS_MARKER + t).orElse(null)));
    }

    Response createAlias(Request r) {
        String name = existing(FunctionRef.unqualified(r, "CreateAlias"));
        var body = LambdaBodies.object(json, r.body());
        String alias = Names.alias(LambdaBodies.required(body, "Name"));
        String version = LambdaBodies.required(body, "FunctionVersion");
        var weights = LambdaBodies.weights(body).orElse(Map.of());
        String description = LambdaBodies.text(body, "Description").orElse("");
        synchronized (this) {
            if (store.aliases().get(name, alias).isPresent()) {
                throw LambdaErrors.conflict("Alias already exists: " + LambdaShapes.arn(name, alias));
            }
            var stored = store.aliases().put(new Alias(name, alias, version, weights, description, clock.instant()));
            return json(HttpResponseStatus.CREATED, AliasConfiguration.of(stored));
        }
    }

    Response getAlias(Request r) {
        String name = existing(FunctionRef.unqualified(r, "GetAlias"));
        return json(HttpResponseStatus.OK, AliasConfiguration.of(alias(name, r.param("Name"))));
    }

    /** Fields left out keep their value; a {@code RoutingConfig} replaces the weights (an empty one clears them). */
    Response updateAlias(Request r) {
        String name = existing(FunctionRef.unqualified(r, "UpdateAlias"));
        var body = LambdaBodies.object(json, r.body());
        synchronized (this) {
            var current = alias(name, r.param("Name"));
            var updated = new Alias(name, current.name(),
                    LambdaBodies.text(body, "FunctionVersion").orElse(current.version()),
                    LambdaBodies.weights(body).orElse(current.additionalVersionWeights()),
                    LambdaBodies.text(body, "Description").orElse(current.description()), clock.instant());
            return json(HttpResponseStatus.OK, AliasConfiguration.of(store.aliases().put(updated)));
        }
    }

    Response deleteAlias(Request r) {
        String name = existing(FunctionRef.unqualified(r, "DeleteAlias"));
        String alias = r.param("Name");
        if (!store.aliases().delete(name, alias)) {
            throw aliasNotFound(name, alias);
        }
        return Response.noContent();
    }

    Response listAliases(Request r) {
        String name = existing(FunctionRef.unqualified(r, "ListAliases"));
        int max = Math.min(LambdaFunctionRoutes.maxItems(r), 1000);
        var version = r.query("FunctionVersion").filter(v -> !v.isEmpty());
        var page = store.aliases().list(name, r.query("Marker").orElse(""), max);
        var aliases = page.items().stream()
                .filter(a -> version.isEmpty() || version.get().equals(a.version()))
                .map(AliasConfiguration::of).toList();
        return json(HttpResponseStatus.OK, new AliasList(aliases, page.nextToken().orElse(null)));
    }

    private Alias alias(String function, String alias) {
        Names.alias(alias);
        return store.aliases().get(function, alias).orElseThrow(() -> aliasNotFound(function, alias));
    }

    private static ApiException aliasNotFound(String function, String alias) {
        return LambdaErrors.notFound("Alias not found: " + LambdaShapes.arn(function, alias));
    }

    private String existing(String name) {
        if (store.functions().get(name, FunctionVersion.LATEST).isEmpty()) {
            throw LambdaFunctionRoutes.notFound(name, FunctionVersion.LATEST);
        }
        return name;
    }

    private Response json(HttpResponseStatus status, Object body) {
        return Response.json(status, json.write(body));
    }
}
