package dev.kumo.server.routes;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.core.event.Schedule;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpMethod;
import java.time.InstantSource;
import tools.jackson.databind.JsonNode;

/** {@code /v1/schedules}: functions invoked asynchronously on a cron or rate timetable. */
public final class ScheduleRoutes {

    /**
     * Body of {@code PUT /v1/schedules/{name}}.
     *
     * @param function   function invoked (required)
     * @param qualifier  version or alias, default {@code $LATEST}
     * @param expression {@code cron(...)}, a five-field cron expression or {@code rate(N unit)} (required)
     * @param payload    the JSON event of every fire, default {@code null}
     * @param enabled    whether it fires, default true
     */
    public record ScheduleRequest(String function, String qualifier, String expression, JsonNode payload,
                                  Boolean enabled) {
    }

    private final Store store;
    private final AsyncRuntime async;
    private final JsonCodec json;
    private final InstantSource clock;
    private final NamedResources<Schedule> schedules;

    /** Creates the routes. */
    public ScheduleRoutes(Store store, AsyncRuntime async, JsonCodec json, InstantSource clock) {
        this.store = store;
        this.async = async;
        this.json = json;
        this.clock = clock;
        this.schedules = new NamedResources<>("schedule", store, Store::schedules, this::view, json);
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/schedules", schedules::list)
                .add(HttpMethod.PUT, "/v1/schedules/{name}", this::put)
                .add(HttpMethod.GET, "/v1/schedules/{name}", schedules::get)
                .add(HttpMethod.DELETE, "/v1/schedules/{name}", r -> schedules.delete(r, async::deleteSchedule));
    }

    private Response put(Request r) {
        String name = Names.resource("name", r.param("name"));
        var body = json.read(r.body(), ScheduleRequest.class);
        InvalidRequests.required("function", body.function());
        InvalidRequests.required("expression", body.expression());
        var existing = store.schedules().get(name);
        String payload = body.payload() == null || body.payload().isNull() ? "null"
                : json.mapper().writeValueAsString(body.payload());
        var stored = async.putSchedule(new Schedule(name, body.function(),
                body.qualifier() == null ? FunctionVersion.LATEST : body.qualifier(), body.expression().strip(),
                payload, body.enabled() == null || body.enabled(),
                existing.map(Schedule::created).orElseGet(clock::instant)));
        return schedules.stored(existing.isPresent(), stored);
    }

    private EventViews.ScheduleView view(Schedule s) {
        return EventViews.ScheduleView.of(s, async.nextFire(s.name()), store.queue().lastFire(s.name()));
    }
}
