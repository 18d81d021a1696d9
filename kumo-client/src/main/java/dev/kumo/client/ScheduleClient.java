package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Paging;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Schedules ({@code /v1/schedules}): functions invoked asynchronously on a cron or rate timetable. Get one from
 * {@link KumoClient#schedules()}; thread-safe.
 */
public final class ScheduleClient {

    private final Transport transport;

    ScheduleClient(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates or replaces a schedule; the server checks the expression and the function.
     *
     * @throws IllegalArgumentException when the spec's payload is not valid JSON (nothing is sent)
     */
    public ScheduleInfo put(String name, ScheduleSpec spec) {
        return EventWire.schedule(Wire.parse(transport.call("PUT", target(name), "application/json",
                Wire.bytes(EventWire.body(spec))).body(), "schedule"));
    }

    /** One schedule, with its next and last fire. */
    public ScheduleInfo get(String name) {
        return EventWire.schedule(Wire.parse(transport.call("GET", target(name)).body(), "schedule"));
    }

    /** The first page of schedules in name order. */
    public Page<ScheduleInfo> list(int limit) {
        return page(limit, Optional.empty());
    }

    /** The page of schedules that {@code nextToken} points to. */
    public Page<ScheduleInfo> list(int limit, String nextToken) {
        return page(limit, Optional.of(nextToken));
    }

    /** Every schedule. */
    public List<ScheduleInfo> listAll() {
        return Paging.all(token -> page(Paging.ALL_PAGE_SIZE, token));
    }

    /** Deletes a schedule; it fires no more. */
    public void delete(String name) {
        transport.call("DELETE", target(name));
    }

    private Page<ScheduleInfo> page(int limit, Optional<String> nextToken) {
        return Wire.page(Wire.parse(transport.call("GET", Paging.page(RequestTarget.of("v1", "schedules"), limit,
                nextToken)).body(), "schedules"), EventWire::schedule);
    }

    private static RequestTarget target(String name) {
        return RequestTarget.of("v1", "schedules", Objects.requireNonNull(name, "name"));
    }
}
