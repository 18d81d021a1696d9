package dev.kumo.spi.store;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Page;
import java.time.Instant;
import java.util.Optional;

/** Published, immutable versions of functions. */
public interface VersionRegistry {

    /**
     * Publishes the current {@code $LATEST} as the next version number; when neither code nor config
     * changed since the newest version, returns that version instead (as Lambda does). Empty when the
     * function does not exist. Durable on return.
     */
    Optional<FunctionVersion> publish(String name, String description, Instant now);

    /** Lists published versions in ascending order; {@code token} is empty for the first page. */
    Page<FunctionVersion> list(String name, String token, int limit);

    /**
     * Deletes a published version; false when it did not exist.
     *
     * @throws dev.kumo.core.ConflictException when an alias routes traffic to it
     */
    boolean delete(String name, String version);
}
