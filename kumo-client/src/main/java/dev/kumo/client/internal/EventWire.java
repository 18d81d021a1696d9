package dev.kumo.client.internal;

import static dev.kumo.client.internal.Wire.instant;
import static dev.kumo.client.internal.Wire.integer;
import static dev.kumo.client.internal.Wire.optionalText;
import static dev.kumo.client.internal.Wire.requireObject;
import static dev.kumo.client.internal.Wire.text;

import dev.kumo.client.AsyncInvokeResponse;
import dev.kumo.client.DeadLetterInfo;
import dev.kumo.client.KumoProtocolException;
import dev.kumo.client.PublishResult;
import dev.kumo.client.RouteInfo;
import dev.kumo.client.RuleInfo;
import dev.kumo.client.RuleSpec;
import dev.kumo.client.ScheduleInfo;
import dev.kumo.client.ScheduleSpec;
import dev.kumo.client.TriggerInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the JSON of asynchronous invocations and event sources (dead letters, schedules, triggers,
 * rules, topics, HTTP routes), with the same strictness as {@link Wire}: identifying fields are required, the
 * rest lenient.
 */
public final class EventWire {

    private EventWire() {
    }

    // ---- reading ----

    /** Reads the {@code 202} body of an asynchronous invocation. */
    public static AsyncInvokeResponse queued(JsonNode node, boolean replay) {
        requireObject(node, "queued invocation");
        return new AsyncInvokeResponse(text(node, "activationId", "queued invocation"), replay);
    }

    /** Reads a dead letter. */
    public static DeadLetterInfo deadLetter(JsonNode node) {
        String what = "dead letter";
        requireObject(node, what);
        return new DeadLetterInfo(text(node, "activationId", what), text(node, "function", what),
                optionalText(node, "qualifier").orElse("$LATEST"), optionalText(node, "source").orElse(""),
                raw(node.path("payload")), instant(node, "accepted", what), instant(node, "deadLettered", what),
                optionalText(node, "reason").orElse(""), (int) integer(node, "attempts", what),
                Wire.attempts(node.path("history")));
    }

    /** Reads a schedule. */
    public static ScheduleInfo schedule(JsonNode node) {
        String what = "schedule";
        requireObject(node, what);
        return new ScheduleInfo(text(node, "name", what), text(node, "function", what),
                optionalText(node, "qualifier").orElse("$LATEST"), text(node, "expression", what),
                raw(node.path("payload")), !node.path("enabled").isBoolean() || node.path("enabled").booleanValue(),
                instant(node, "created", what), optionalInstant(node, "nextFire", what),
                optionalInstant(node, "lastFire", what));
    }

    /** Reads a trigger. */
    public static TriggerInfo trigger(JsonNode node) {
        String what = "trigger";
        requireObject(node, what);
        return new TriggerInfo(text(node, "name", what), optionalText(node, "description").orElse(""),
                instant(node, "created", what));
    }

    /** Reads a rule. */
    public static RuleInfo rule(JsonNode node) {
        String what = "rule";
        requireObject(node, what);
        return new RuleInfo(text(node, "name", what), text(node, "trigger", what), text(node, "function", what),
                optionalText(node, "qualifier").orElse("$LATEST"),
                !node.path("enabled").isBoolean() || node.path("enabled").booleanValue(), instant(node, "created", what));
    }

    /** Reads what a topic event became. */
    public static PublishResult published(JsonNode node) {
        String what = "topic event";
        requireObject(node, what);
        List<PublishResult.Delivery> deliveries = new ArrayList<>();
        for (JsonNode d : node.path("deliveries")) {
            requireObject(d, "delivery");
            deliveries.add(new PublishResult.Delivery(text(d, "rule", "delivery"), text(d, "function", "delivery"),
                    text(d, "activationId", "delivery")));
        }
        return new PublishResult(text(node, "topic", what), deliveries);
    }

    /** Reads an HTTP route. */
    public static RouteInfo route(JsonNode node) {
        String what = "route";
        requireObject(node, what);
        return new RouteInfo(text(node, "method", what), text(node, "path", what), text(node, "function", what),
                optionalText(node, "qualifier").orElse("$LATEST"), instant(node, "created", what));
    }

    // ---- request bodies ----

    /** The body of {@code PUT /v1/schedules/{name}}. */
    public static ObjectNode body(ScheduleSpec spec) {
        ObjectNode body = Wire.object();
        body.put("function", spec.function());
        spec.qualifier().ifPresent(q -> body.put("qualifier", q));
        body.put("expression", spec.expression());
        spec.payload().ifPresent(p -> body.set("payload", parse(p, "payload")));
        body.put("enabled", spec.enabled());
        return body;
    }

    /** The body of {@code PUT /v1/rules/{name}}. */
    public static ObjectNode body(RuleSpec spec) {
        ObjectNode body = Wire.object();
        body.put("trigger", spec.trigger());
        body.put("function", spec.function());
        spec.qualifier().ifPresent(q -> body.put("qualifier", q));
        body.put("enabled", spec.enabled());
        return body;
    }

    // ---- writing ----

    /** The wire form of a dead letter. */
    public static ObjectNode toJson(DeadLetterInfo d) {
        ObjectNode out = Wire.object();
        out.put("activationId", d.activationId());
        out.put("function", d.function());
        out.put("qualifier", d.qualifier());
        out.put("source", d.source());
        out.set("payload", Encoder.embed(d.payload()));
        out.put("accepted", d.accepted().toString());
        out.put("deadLettered", d.deadLettered().toString());
        out.put("reason", d.reason());
        out.put("attempts", d.attempts());
        var history = out.putArray("history");
        d.history().forEach(a -> history.add(Encoder.toJson(a)));
        return out;
    }

    /** The wire form of a schedule. */
    public static ObjectNode toJson(ScheduleInfo s) {
        ObjectNode out = Wire.object();
        out.put("name", s.name());
        out.put("function", s.function());
        out.put("qualifier", s.qualifier());
        out.put("expression", s.expression());
        out.set("payload", Encoder.embed(s.payload()));
        out.put("enabled", s.enabled());
        out.put("created", s.created().toString());
        s.nextFire().ifPresent(t -> out.put("nextFire", t.toString()));
        s.lastFire().ifPresent(t -> out.put("lastFire", t.toString()));
        return out;
    }

    /** The wire form of a trigger. */
    public static ObjectNode toJson(TriggerInfo t) {
        ObjectNode out = Wire.object();
        out.put("name", t.name());
        out.put("description", t.description());
        out.put("created", t.created().toString());
        return out;
    }

    /** The wire form of a rule. */
    public static ObjectNode toJson(RuleInfo r) {
        ObjectNode out = Wire.object();
        out.put("name", r.name());
        out.put("trigger", r.trigger());
        out.put("function", r.function());
        out.put("qualifier", r.qualifier());
        out.put("enabled", r.enabled());
        out.put("created", r.created().toString());
        return out;
    }

    /** The wire form of a topic event's deliveries. */
    public static ObjectNode toJson(PublishResult p) {
        ObjectNode out = Wire.object();
        out.put("topic", p.topic());
        var deliveries = out.putArray("deliveries");
        for (var d : p.deliveries()) {
            deliveries.addObject().put("rule", d.rule()).put("function", d.function())
                    .put("activationId", d.activationId());
        }
        return out;
    }

    /** The wire form of an HTTP route. */
    public static ObjectNode toJson(RouteInfo r) {
        ObjectNode out = Wire.object();
        out.put("method", r.method());
        out.put("path", r.path());
        out.put("function", r.function());
        out.put("qualifier", r.qualifier());
        out.put("created", r.created().toString());
        return out;
    }

    // ---- helpers ----

    private static String raw(JsonNode node) {
        return node.isMissingNode() ? "null" : Wire.JSON.writeValueAsString(node);
    }

    private static Optional<Instant> optionalInstant(JsonNode node, String field, String what) {
        if (!node.path(field).isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.path(field).stringValue()));
        } catch (DateTimeParseException e) {
            throw new KumoProtocolException("malformed " + what + " from the server: '" + field
                    + "' is not an ISO-8601 instant", e);
        }
    }

    private static JsonNode parse(String json, String what) {
        try {
            return Wire.JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
