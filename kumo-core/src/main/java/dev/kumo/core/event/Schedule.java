package dev.kumo.core.event;

import dev.kumo.core.Names;
import java.time.Instant;

/**
 * Invokes a function asynchronously on a timetable.
 *
 * @param name       unique name
 * @param function   function invoked
 * @param qualifier  version or alias invoked
 * @param expression {@code cron(MIN HOUR DOM MON DOW)} / a bare five-field cron expression, or
 *                   {@code rate(N minute[s]|hour[s]|day[s])}; evaluated in UTC
 * @param payload    JSON event of every fire
 * @param enabled    whether it fires
 * @param created    when it was created (a {@code rate} counts from here)
 */
public record Schedule(String name, String function, String qualifier, String expression, String payload,
                       boolean enabled, Instant created) implements Named {

    /** Validates names. */
    public Schedule {
        Names.resource("name", name);
        Names.function(function);
    }
}
