package dev.kumo.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code PUT /v1/schedules/{name}} sends. Start with {@link #of(String, String)}.
 *
 * @param function   function invoked
 * @param qualifier  version or alias; empty for the server's default, {@code $LATEST}
 * @param expression {@code rate(5 minutes)}, {@code cron(0 3 * * *)} or a bare five-field cron expression (UTC)
 * @param payload    the JSON event of every fire; empty for {@code null}
 * @param enabled    whether it fires
 */
public record ScheduleSpec(String function, Optional<String> qualifier, String expression, Optional<String> payload,
                           boolean enabled) {

    /** Rejects nulls. */
    public ScheduleSpec {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(payload, "payload");
    }

    /** An enabled schedule of {@code function} on {@code expression} with a {@code null} event. */
    public static ScheduleSpec of(String function, String expression) {
        return new ScheduleSpec(function, Optional.empty(), expression, Optional.empty(), true);
    }

    /** This spec invoking version or alias {@code value}. */
    public ScheduleSpec withQualifier(String value) {
        return new ScheduleSpec(function, Optional.of(value), expression, payload, enabled);
    }

    /** This spec with {@code json} as the event of every fire. */
    public ScheduleSpec withPayload(String json) {
        return new ScheduleSpec(function, qualifier, expression, Optional.of(json), enabled);
    }

    /** This spec, stored but not firing. */
    public ScheduleSpec disabled() {
        return new ScheduleSpec(function, qualifier, expression, payload, false);
    }
}
