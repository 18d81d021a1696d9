package dev.kumo.server.routes;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Names;
import dev.kumo.core.event.Rule;
import dev.kumo.server.http.JsonCodec;
import dev.kumo.server.http.Request;
import dev.kumo.server.http.Response;
import dev.kumo.server.http.Router;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpMethod;
import java.time.InstantSource;

/** {@code /v1/rules}: links from a trigger to a function, enabled or disabled. */
public final class RuleRoutes {

    /**
     * Body of {@code PUT /v1/rules/{name}}.
     *
     * @param trigger   trigger name (required)
     * @param function  function invoked (required)
     * @param qualifier version or alias, default {@code $LATEST}
     * @param enabled   whether events are delivered, default true
     */
    public record RuleRequest(String trigger, String function, String qualifier, Boolean enabled) {
    }

    private final Store store;
    private final AsyncRuntime async;
    private final JsonCodec json;
    private final InstantSource clock;
    private final NamedResources<Rule> rules;

    /** Creates the routes. */
    public RuleRoutes(Store store, AsyncRuntime async, JsonCodec json, InstantSource clock) {
        this.store = store;
        this.async = async;
        this.json = json;
        this.clock = clock;
        this.rules = new NamedResources<>("rule", store, Store::rules, EventViews.RuleView::of, json);
    }

    /** Registers the routes. */
    public void register(Router router) {
        router.add(HttpMethod.GET, "/v1/rules", rules::list)
                .add(HttpMethod.PUT, "/v1/rules/{name}", this::put)
                .add(HttpMethod.GET, "/v1/rules/{name}", rules::get)
                .add(HttpMethod.DELETE, "/v1/rules/{name}", r -> rules.delete(r, async::deleteRule));
    }

    private Response put(Request r) {
        String name = Names.resource("name", r.param("name"));
        var body = json.read(r.body(), RuleRequest.class);
        InvalidRequests.required("trigger", body.trigger());
        InvalidRequests.required("function", body.function());
        var existing = store.rules().get(name);
        var stored = async.putRule(new Rule(name, body.trigger(), body.function(),
                body.qualifier() == null ? FunctionVersion.LATEST : body.qualifier(),
                body.enabled() == null || body.enabled(), existing.map(Rule::created).orElseGet(clock::instant)));
        return rules.stored(existing.isPresent(), stored);
    }
}
