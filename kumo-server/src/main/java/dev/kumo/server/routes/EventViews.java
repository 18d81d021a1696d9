package dev.kumo.server.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.kumo.async.Delivery;
import dev.kumo.core.event.DeadLetter;
import dev.kumo.core.event.HttpRoute;
import dev.kumo.core.event.Rule;
import dev.kumo.core.event.Schedule;
import dev.kumo.core.event.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON shapes of asynchronous invocations and their event sources, as in {@code openapi.yaml}. */
public final class EventViews {

    private static final JsonMapper CHECK = JsonMapper.builder().build();

    private EventViews() {
    }

    /** {@code 202} body of an asynchronous invocation (and of a redrive, with {@code redrivenFrom}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueuedView(String activationId, String status, String redrivenFrom) {

        static QueuedView of(String activationId) {
            return new QueuedView(activationId, "queued", null);
        }
    }

    /** A dead letter: the invocation, why it stopped, and every attempt. */
    public record DeadLetterView(String activationId, String function, String qualifier, String source,
                                 @JsonRawValue String payload, String accepted, String deadLettered, String reason,
                                 int attempts, List<Views.AttemptView> history) {

        static DeadLetterView of(DeadLetter d) {
            var q = d.invocation();
            return new DeadLetterView(q.id().value(), q.function(), q.qualifier(), q.source(), json(q.payload()),
                    q.accepted().toString(), d.deadLettered().toString(), d.reason(), q.attempts(),
                    q.history().stream().map(Views.AttemptView::of).toList());
        }
    }

    /** A schedule with its next and last fire. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScheduleView(String name, String function, String qualifier, String expression,
                               @JsonRawValue String payload, boolean enabled, String created, String nextFire,
                               String lastFire) {

        static ScheduleView of(Schedule s, Optional<Instant> nextFire, Optional<Instant> lastFire) {
            return new ScheduleView(s.name(), s.function(), s.qualifier(), s.expression(), json(s.payload()),
                    s.enabled(), s.created().toString(), nextFire.map(Instant::toString).orElse(null),
                    lastFire.map(Instant::toString).orElse(null));
        }
    }

    /** A trigger (topic). */
    public record TriggerView(String name, String description, String created) {

        static TriggerView of(Trigger t) {
            return new TriggerView(t.name(), t.description(), t.created().toString());
        }
    }

    /** A rule linking a trigger to a function. */
    public record RuleView(String name, String trigger, String function, String qualifier, boolean enabled,
                           String created) {

        static RuleView of(Rule r) {
            return new RuleView(r.name(), r.trigger(), r.function(), r.qualifier(), r.enabled(),
                    r.created().toString());
        }
    }

    /** What a topic event became. */
    public record PublishedView(String topic, List<DeliveryView> deliveries) {
    }

    /** One asynchronous invocation of a topic event. */
    public record DeliveryView(String rule, String function, String activationId) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.rule(), d.function(), d.activationId().value());
        }
    }

    /** An HTTP route (function URL). */
    public record RouteView(String method, String path, String function, String qualifier, String created) {

        static RouteView of(HttpRoute r) {
            return new RouteView(r.method(), r.path(), r.function(), r.qualifier(), r.created().toString());
        }
    }

    /** Stored JSON text, embedded as is; empty means {@code null}; anything unreadable becomes a JSON string. */
    static String json(byte[] payload) {
        return json(new String(payload, StandardCharsets.UTF_8));
    }

    static String json(String text) {
        if (text == null || text.isBlank()) {
            return "null";
        }
        try {
            CHECK.readTree(text);
            return text;
        } catch (JacksonException e) {
            return CHECK.writeValueAsString(text);
        }
    }
}
