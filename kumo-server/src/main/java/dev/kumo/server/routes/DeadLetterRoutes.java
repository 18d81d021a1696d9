package dev.kumo.server.routes;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.ActivationId;
import dev.kumo.core.Names;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * {@code /v1/functions/{name}/dead-letters}: asynchronous invocations that will not be tried again, oldest
 * first; each can be redriven (queued again under a new activation id) or deleted.
 */
public final class DeadLetterRoutes {

    private final AsyncRuntime async;
    private final JsonCodec json;

    /** Creates the routes. */
    public DeadLetterRoutes(AsyncRuntime async, JsonCodec json) {
        this.async = async;
        this.json = json;
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/functions/{name}/dead-letters", this::list)
                .add(HttpMethod.GET, "/v1/functions/{name}/dead-letters/{id}", this::get)
                .add(HttpMethod.DELETE, "/v1/functions/{name}/dead-letters/{id}", this::delete)
                .add(HttpMethod.POST, "/v1/functions/{name}/dead-letters/{id}/redrive", this::redrive);
    }

    private Response list(Request r) {
        String name = Names.function(r.param("name"));
        var page = async.deadLetters(name, r.query("nextToken").orElse(""), r.intQuery("limit", 50, 1, 1000));
        return Response.json(HttpResponseStatus.OK, json.write(Views.PageView.of(page,
                EventViews.DeadLetterView::of)));
    }

    private Response get(Request r) {
        var letter = async.deadLetter(Names.function(r.param("name")), new ActivationId(r.param("id")));
        return Response.json(HttpResponseStatus.OK, json.write(EventViews.DeadLetterView.of(letter)));
    }

    private Response delete(Request r) {
        async.deleteDeadLetter(Names.function(r.param("name")), new ActivationId(r.param("id")));
        return Response.noContent();
    }

    private Response redrive(Request r) {
        var old = new ActivationId(r.param("id"));
        var fresh = async.redrive(Names.function(r.param("name")), old);
        return new Response(HttpResponseStatus.ACCEPTED, Response.JSON,
                Map.of(InvokeRoutes.ACTIVATION_ID, fresh.value()),
                json.write(new EventViews.QueuedView(fresh.value(), "queued", old.value())));
    }
}
