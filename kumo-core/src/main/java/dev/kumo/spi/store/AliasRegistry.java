package dev.kumo.spi.store;

import dev.kumo.core.Alias;
import dev.kumo.core.Page;
import java.util.Optional;

/** Aliases of functions. */
public interface AliasRegistry {

    /**
     * Creates or replaces an alias; durable on return.
     *
     * @throws dev.kumo.core.InvalidRequestException when a version it names is not published
     */
    Alias put(Alias alias);

    /** Looks up an alias. */
    Optional<Alias> get(String function, String name);

    /** Lists a function's aliases in name order; {@code token} is empty for the first page. */
    Page<Alias> list(String function, String token, int limit);

    /** Deletes an alias; false when it did not exist. */
    boolean delete(String function, String name);
}
