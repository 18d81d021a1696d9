package dev.kumo.server.compat.openwhisk;

import dev.kumo.async.AsyncRuntime;
import dev.kumo.core.ActivationId;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.event.Named;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Trigger;
import dev.kumo.core.event.WhiskEntity;
import dev.kumo.server.http.Response;
import dev.kumo.spi.store.Store;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/namespaces/{ns}/triggers} and {@code .../rules}: OpenWhisk triggers and rules on Kumo's
 * triggers and rules. Firing a trigger ({@code POST}) publishes its parameters merged under the body to the
 * trigger's topic: one asynchronous invocation per active rule; 202 {@code {activationId}}, or 204 when no
 * rule is active. A rule's {@code active}/{@code inactive} status is Kumo's {@code enabled}.
 */
final class WhiskTriggers {

    private final Store store;
    private final AsyncRuntime async;
    private final JsonMapper mapper;
    private final InstantSource clock;

    WhiskTriggers(Store store, AsyncRuntime async, JsonMapper mapper, InstantSource clock) {
        this.store = store;
        this.async = async;
        this.mapper = mapper;
        this.clock = clock;
    }

    // ---- triggers

    Response listTriggers(WhiskCall c) {
        String ns = c.namespace();
        if (c.flag("count")) {
            return WhiskApi.ok(mapper, Map.of("triggers", count(store.triggers().all(), ns)));
        }
        return WhiskApi.ok(mapper, page(c, store.triggers().all(), ns, t -> triggerView(ns, t)));
    }

    Response getTrigger(WhiskCall c) {
        String ns = c.namespace();
        return WhiskApi.ok(mapper, triggerView(ns, trigger(WhiskNames.kumo(ns, c.param("name")))));
    }

    Response putTrigger(WhiskCall c) {
        String ns = c.namespace();
        String kumo = WhiskNames.kumo(ns, c.param("name"));
        var body = c.body(mapper);
        var existing = store.triggers().get(kumo);
        if (existing.isPresent() && !c.flag("overwrite")) {
            throw WhiskException.conflict();
        }
        var trigger = async.putTrigger(new Trigger(kumo, "OpenWhisk trigger " + ns + "/" + c.param("name"),
                existing.map(Trigger::created).orElseGet(clock::instant)));
        putEntity("trigger:" + kumo, body, existing.isEmpty());
        return WhiskApi.ok(mapper, triggerView(ns, trigger));
    }

    Response deleteTrigger(WhiskCall c) {
        String ns = c.namespace();
        String kumo = WhiskNames.kumo(ns, c.param("name"));
        var view = triggerView(ns, trigger(kumo));
        if (!async.deleteTrigger(kumo)) {
            throw WhiskException.notFound();
        }
        store.whiskEntities().delete("trigger:" + kumo);
        return WhiskApi.ok(mapper, view);
    }

    Response fire(WhiskCall c) {
        String ns = c.namespace();
        String kumo = WhiskNames.kumo(ns, c.param("name"));
        trigger(kumo);
        ObjectNode event = mapper.createObjectNode();
        parameters("trigger:" + kumo).forEach(event::set);
        c.body(mapper).properties().forEach(e -> event.set(e.getKey(), e.getValue()));
        var deliveries = async.publish(kumo, mapper.writeValueAsBytes(event));
        if (deliveries.isEmpty()) {
            return new Response(HttpResponseStatus.NO_CONTENT, Response.JSON, Map.of(), new byte[0]);
        }
        return WhiskApi.json(HttpResponseStatus.ACCEPTED, mapper,
                Map.of("activationId", ActivationId.random().value()));
    }

    private Trigger trigger(String kumo) {
        return store.triggers().get(kumo).orElseThrow(WhiskException::notFound);
    }

    private Map<String, Object> triggerView(String ns, Trigger t) {
        var entity = store.whiskEntities().get("trigger:" + t.name());
        var rules = new LinkedHashMap<String, Object>();
        for (var r : store.rules().all()) {
            if (r.trigger().equals(t.name())) {
                var action = WhiskNames.owner(r.function());
                rules.put(WhiskNames.owner(r.name()).path(), Map.of("action",
                        Map.of("name", action.name(), "path", action.namespace()),
                        "status", r.enabled() ? "active" : "inactive"));
            }
        }
        var v = common(ns, WhiskNames.owner(t.name()).name(), entity, t.created().toEpochMilli());
        v.put("parameters", mapper.readTree(entity.map(WhiskEntity::parameters).orElse("[]")));
        v.put("limits", Map.of());
        v.put("rules", rules);
        return v;
    }

    // ---- rules

    Response listRules(WhiskCall c) {
        String ns = c.namespace();
        if (c.flag("count")) {
            return WhiskApi.ok(mapper, Map.of("rules", count(store.rules().all(), ns)));
        }
        return WhiskApi.ok(mapper, page(c, store.rules().all(), ns, r -> ruleView(ns, r)));
    }

    Response getRule(WhiskCall c) {
        String ns = c.namespace();
        return WhiskApi.ok(mapper, ruleView(ns, rule(WhiskNames.kumo(ns, c.param("name")))));
    }

    Response putRule(WhiskCall c) {
        String ns = c.namespace();
        String kumo = WhiskNames.kumo(ns, c.param("name"));
        var body = c.body(mapper);
        var existing = store.rules().get(kumo);
        if (existing.isPresent() && !c.flag("overwrite")) {
            throw WhiskException.conflict();
        }
        var trigger = WhiskNames.parse("trigger", string(body, "trigger"), c.caller());
        var action = WhiskNames.parse("action", string(body, "action"), c.caller());
        if (store.triggers().get(trigger.kumo()).isEmpty()) {
            throw WhiskException.badRequest("The trigger '" + trigger.path() + "' does not exist.");
        }
        if (store.functions().get(action.kumo(), FunctionVersion.LATEST).isEmpty()) {
            throw WhiskException.badRequest("The action '" + action.path() + "' does not exist.");
        }
        boolean enabled = body.has("status") ? active(body) : existing.map(Rule::enabled).orElse(true);
        var rule = async.putRule(new Rule(kumo, trigger.kumo(), action.kumo(), FunctionVersion.LATEST, enabled,
                existing.map(Rule::created).orElseGet(clock::instant)));
        putEntity("rule:" + kumo, body, existing.isEmpty());
        return WhiskApi.ok(mapper, ruleView(ns, rule));
    }

    /** {@code POST .../rules/{name}} with {@code {"status":"active"|"inactive"}}. */
    Response setStatus(WhiskCall c) {
        String ns = c.namespace();
        var rule = rule(WhiskNames.kumo(ns, c.param("name")));
        boolean enabled = active(c.body(mapper));
        if (enabled != rule.enabled()) {
            rule = async.putRule(new Rule(rule.name(), rule.trigger(), rule.function(), rule.qualifier(), enabled,
                    rule.created()));
        }
        return WhiskApi.ok(mapper, ruleView(ns, rule));
    }

    Response deleteRule(WhiskCall c) {
        String ns = c.namespace();
        String kumo = WhiskNames.kumo(ns, c.param("name"));
        var view = ruleView(ns, rule(kumo));
        if (!async.deleteRule(kumo)) {
            throw WhiskException.notFound();
        }
        store.whiskEntities().delete("rule:" + kumo);
        return WhiskApi.ok(mapper, view);
    }

    private Rule rule(String kumo) {
        return store.rules().get(kumo).orElseThrow(WhiskException::notFound);
    }

    private Map<String, Object> ruleView(String ns, Rule r) {
        var entity = store.whiskEntities().get("rule:" + r.name());
        var v = common(ns, WhiskNames.owner(r.name()).name(), entity, r.created().toEpochMilli());
        var trigger = WhiskNames.owner(r.trigger());
        var action = WhiskNames.owner(r.function());
        v.put("trigger", Map.of("name", trigger.name(), "path", trigger.namespace()));
        v.put("action", Map.of("name", action.name(), "path", action.namespace()));
        v.put("status", r.enabled() ? "active" : "inactive");
        return v;
    }

    private static boolean active(JsonNode body) {
        return switch (body.path("status").asString("")) {
            case "active" -> true;
            case "inactive" -> false;
            default -> throw WhiskException.badRequest("status must be \"active\" or \"inactive\", got "
                    + body.path("status") + ".");
        };
    }

    // ---- shared

    private static long count(List<? extends Named> all, String ns) {
        return all.stream().filter(n -> WhiskNames.entity(ns, n.name()).isPresent()).count();
    }

    private <T extends Named> List<Map<String, Object>> page(WhiskCall c, List<T> all, String ns,
                                                             Function<T, Map<String, Object>> view) {
        int limit = c.intQuery("limit", 30, 0, 200);
        int skip = c.intQuery("skip", 0, 0, Integer.MAX_VALUE);
        var out = new ArrayList<Map<String, Object>>();
        int seen = 0;
        for (var item : all) {
            if (WhiskNames.entity(ns, item.name()).isPresent() && seen++ >= skip) {
                out.add(view.apply(item));
                if (limit != 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    private Map<String, Object> common(String ns, String name, Optional<WhiskEntity> entity, long created) {
        var v = new LinkedHashMap<String, Object>();
        v.put("namespace", ns);
        v.put("name", name);
        v.put("version", entity.map(WhiskEntity::version).orElse("0.0.1"));
        v.put("annotations", mapper.readTree(entity.map(WhiskEntity::annotations).orElse("[]")));
        v.put("publish", entity.map(WhiskEntity::publish).orElse(false));
        v.put("updated", entity.map(e -> e.updated().toEpochMilli()).orElse(created));
        return v;
    }

    private void putEntity(String key, JsonNode body, boolean created) {
        var old = created ? Optional.<WhiskEntity>empty() : store.whiskEntities().get(key);
        store.whiskEntities().put(new WhiskEntity(key, "", "", false,
                KeyValues.of(mapper, body, "parameters").orElse(old.map(WhiskEntity::parameters).orElse("[]")),
                KeyValues.of(mapper, body, "annotations").orElse(old.map(WhiskEntity::annotations).orElse("[]")),
                old.map(WhiskEntity::revision).orElse(0) + 1,
                body.has("publish") ? body.path("publish").asBoolean(false)
                        : old.map(WhiskEntity::publish).orElse(false),
                0, clock.instant()));
    }

    private Map<String, JsonNode> parameters(String key) {
        return store.whiskEntities().get(key).map(e -> KeyValues.map(mapper, e.parameters())).orElse(Map.of());
    }

    private static String string(JsonNode body, String field) {
        var v = body.path(field);
        if (v.isObject()) {
            // some clients send {"name": "...", "path": "..."} objects
            return "/" + v.path("path").asString("_") + "/" + v.path("name").asString("");
        }
        return v.isString() ? v.asString() : null;
    }
}
