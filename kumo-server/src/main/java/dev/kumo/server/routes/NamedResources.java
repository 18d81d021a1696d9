package dev.kumo.server.routes;

import dev.kumo.core.event.Named;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.spi.store.NamedRegistry;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The answers every {@link NamedRegistry} served under {@code /v1} shares (schedules, triggers, rules, routes): get
 * and delete by name with a 404 that names the kind, listing page by page, and 200 or 201 after a put. Each record
 * goes out through its view.
 *
 * @param <T> the record type
 */
final class NamedResources<T extends Named> {

    private final String kind;
    private final Store store;
    private final Function<Store, NamedRegistry<T>> registry;
    private final Function<T, ?> view;
    private final JsonCodec json;

    /**
     * Resources of {@code store}'s {@code registry} (such as {@code Store::rules}), called {@code kind} (such as
     * {@code "rule"}) in error messages. The store is only touched when a request comes, so routes can be registered
     * without one.
     */
    NamedResources(String kind, Store store, Function<Store, NamedRegistry<T>> registry, Function<T, ?> view,
                   JsonCodec json) {
        this.kind = kind;
        this.store = store;
        this.registry = registry;
        this.view = view;
        this.json = json;
    }

    /** The answer to a put that stored {@code stored}: 200 when it replaced a record, 201 when it created one. */
    Response stored(boolean replaced, T stored) {
        var status = replaced ? HttpResponseStatus.OK : HttpResponseStatus.CREATED;
        return Response.json(status, json.write(view.apply(stored)));
    }

    /** {@code GET .../{name}}. */
    Response get(Request r) {
        String name = r.param("name");
        var record = registry.apply(store).get(name)
                .orElseThrow(() -> ApiException.notFound(kind + " '" + name + "' not found"));
        return Response.json(HttpResponseStatus.OK, json.write(view.apply(record)));
    }

    /** {@code GET ...?limit=&nextToken=}. */
    Response list(Request r) {
        var page = registry.apply(store).list(r.query("nextToken").orElse(""), r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page, view)));
    }

    /** {@code DELETE .../{name}} through {@code remove}, which is false when there was no such record. */
    Response delete(Request r, Predicate<String> remove) {
        String name = r.param("name");
        if (!remove.test(name)) {
            throw ApiException.notFound(kind + " '" + name + "' not found");
        }
        return Response.noContent();
    }
}
