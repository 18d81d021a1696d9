package dev.kumo.spi.store;

import dev.kumo.core.Page;
import dev.kumo.core.event.Named;
import java.util.List;
import java.util.Optional;

/**
 * A durable map of small named records (schedules, triggers, rules, HTTP routes). Reads are served from
 * memory; writes are durable on return.
 *
 * @param <T> the record type
 */
public interface NamedRegistry<T extends Named> {

    /** Creates or replaces the record under its name; durable on return. */
    T put(T value);

    /** The record called {@code name}. */
    Optional<T> get(String name);

    /** Records in name order after {@code token} (empty for the first page). */
    Page<T> list(String token, int limit);

    /** Every record, in name order. */
    List<T> all();

    /** Deletes the record; false when it did not exist. Durable on return. */
    boolean delete(String name);
}
