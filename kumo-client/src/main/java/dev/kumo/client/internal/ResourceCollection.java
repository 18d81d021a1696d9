package dev.kumo.client.internal;

import dev.kumo.client.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The calls a collection of named resources shares (rules, schedules, triggers, routes, dead letters): put, get and
 * delete by name, and listing page by page. The public clients delegate here and keep their own documented names.
 *
 * @param <I> the client record of one resource
 */
public final class ResourceCollection<I> {

    private final Transport transport;
    private final RequestTarget collection;
    private final String label;
    private final String pluralLabel;
    private final Function<JsonNode, I> decoder;

    /**
     * A collection at {@code collection}.
     *
     * @param label       one resource, as error messages name it ({@code "rule"})
     * @param pluralLabel a page of them ({@code "rules"})
     * @param decoder     the wire JSON of one resource to its record
     */
    public ResourceCollection(Transport transport, RequestTarget collection, String label, String pluralLabel,
                              Function<JsonNode, I> decoder) {
        this.transport = transport;
        this.collection = collection;
        this.label = label;
        this.pluralLabel = pluralLabel;
        this.decoder = decoder;
    }

    /** Creates or replaces {@code name} with the JSON {@code body}. */
    public I put(String name, JsonNode body) {
        return put(target(name), body);
    }

    /** Sends {@code body} with {@code PUT} to {@code target}, for collections keyed by more than a name. */
    public I put(RequestTarget target, JsonNode body) {
        return decode(transport.call("PUT", target, "application/json", Wire.bytes(body)));
    }

    /** One resource. */
    public I get(String name) {
        return decode(transport.call("GET", target(name)));
    }

    /** The page that {@code nextToken} points to, or the first. */
    public Page<I> page(int limit, Optional<String> nextToken) {
        return Wire.page(Wire.parse(transport.call("GET", Paging.page(collection, limit, nextToken)).body(),
                pluralLabel), decoder);
    }

    /** Every resource, following {@code nextToken} to the end. */
    public List<I> all() {
        return Paging.all(token -> page(Paging.ALL_PAGE_SIZE, token));
    }

    /** Deletes {@code name}. */
    public void delete(String name) {
        transport.call("DELETE", target(name));
    }

    /** The target of {@code name} and any further segments below it. */
    public RequestTarget target(String name, String... below) {
        List<String> segments = new ArrayList<>(collection.segments());
        segments.add(Objects.requireNonNull(name, "name"));
        segments.addAll(List.of(below));
        return new RequestTarget(segments, List.of());
    }

    private I decode(Response response) {
        return decoder.apply(Wire.parse(response.body(), label));
    }
}
