package dev.kumo.server.routes;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.Names;
import dev.kumo.core.event.Trigger;
import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.InstantSource;

/**
 * {@code /v1/triggers} (named event sources, the OpenWhisk model) and {@code POST /v1/topics/{topic}/events},
 * which fans an event out to the function of every enabled rule of the trigger, each an asynchronous
 * invocation, all stored in one commit.
 */
public final class TriggerRoutes {

    /**
     * Body of {@code PUT /v1/triggers/{name}} (optional).
     *
     * @param description free text
     */
    public record TriggerRequest(String description) {
    }

    private final Store store;
    private final AsyncRuntime async;
    private final JsonCodec json;
    private final InstantSource clock;
    private final long maxAsyncPayloadBytes;
    private final NamedResources<Trigger> triggers;

    /** Creates the routes; events may be at most {@code maxAsyncPayloadBytes}. */
    public TriggerRoutes(Store store, AsyncRuntime async, JsonCodec json, InstantSource clock,
                         long maxAsyncPayloadBytes) {
        this.store = store;
        this.async = async;
        this.json = json;
        this.clock = clock;
        this.maxAsyncPayloadBytes = maxAsyncPayloadBytes;
        this.triggers = new NamedResources<>("trigger", store, Store::triggers, EventViews.TriggerView::of, json);
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/triggers", triggers::list)
                .add(HttpMethod.PUT, "/v1/triggers/{name}", this::put)
                .add(HttpMethod.GET, "/v1/triggers/{name}", triggers::get)
                .add(HttpMethod.DELETE, "/v1/triggers/{name}", r -> triggers.delete(r, async::deleteTrigger))
                .add(HttpMethod.POST, "/v1/topics/{topic}/events", this::publish);
    }

    private Response put(Request r) {
        String name = Names.resource("name", r.param("name"));
        String description = r.body().length == 0 ? "" : json.read(r.body(), TriggerRequest.class).description();
        if (description != null && description.length() > 256) {
            throw ApiException.badRequest("description", "description must not exceed 256 characters");
        }
        var existing = store.triggers().get(name);
        var stored = async.putTrigger(new Trigger(name, description,
                existing.map(Trigger::created).orElseGet(clock::instant)));
        return triggers.stored(existing.isPresent(), stored);
    }

    private Response publish(Request r) {
        String topic = Names.resource("topic", r.param("topic"));
        JsonBodies.requireAtMost(r.body(), maxAsyncPayloadBytes, "event");
        JsonBodies.requireJson(json, r.body());
        var deliveries = async.publish(topic, r.body()).stream().map(EventViews.DeliveryView::of).toList();
        return Response.json(HttpResponseStatus.ACCEPTED, json.write(new EventViews.PublishedView(topic, deliveries)));
    }
}
