package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.ResourceCollection;
import dev.kumo.client.internal.Transport;
import java.util.List;
import java.util.Optional;

/**
 * Schedules ({@code /v1/schedules}): functions invoked asynchronously on a cron or rate timetable. Get one from
 * {@link KumoClient#schedules()}; thread-safe.
 */
public final class ScheduleClient {

    private final ResourceCollection<ScheduleInfo> schedules;

    ScheduleClient(Transport transport) {
        this.schedules = new ResourceCollection<>(transport, RequestTarget.of("v1", "schedules"), "schedule",
                "schedules", EventWire::schedule);
    }

    /**
     * Creates or replaces a schedule; the server checks the expression and the function.
     *
     * @throws IllegalArgumentException when the spec's payload is not valid JSON (nothing is sent)
     */
    public ScheduleInfo put(String name, ScheduleSpec spec) {
        return schedules.put(name, EventWire.body(spec));
    }

    /** One schedule, with its next and last fire. */
    public ScheduleInfo get(String name) {
        return schedules.get(name);
    }

    /** The first page of schedules in name order. */
    public Page<ScheduleInfo> list(int limit) {
        return schedules.page(limit, Optional.empty());
    }

    /** The page of schedules that {@code nextToken} points to. */
    public Page<ScheduleInfo> list(int limit, String nextToken) {
        return schedules.page(limit, Optional.of(nextToken));
    }

    /** Every schedule. */
    public List<ScheduleInfo> listAll() {
        return schedules.all();
    }

    /** Deletes a schedule; it fires no more. */
    public void delete(String name) {
        schedules.delete(name);
    }
}
