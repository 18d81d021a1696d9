package dev.kumo.spi.store;

import dev.kumo.core.CodeRef;
import dev.kumo.core.FunctionConfig;
import dev.kumo.core.FunctionVersion;
import dev.kumo.core.Page;
import java.time.Instant;
import java.util.Optional;

/** Functions: each is its {@code $LATEST} draft plus published versions and aliases. */
public interface FunctionRegistry {

    /** Creates the function or updates its {@code $LATEST} in place (bumping the revision); durable on return. */
    FunctionVersion putLatest(String name, FunctionConfig config, CodeRef code, Instant now);

    /** Looks up {@code $LATEST} or a published version. */
    Optional<FunctionVersion> get(String name, String version);

    /** Lists the {@code $LATEST} of each function in name order; {@code token} is empty for the first page. */
    Page<FunctionVersion> list(String token, int limit);

    /** Deletes the function with all its versions and aliases; false when it did not exist. */
    boolean delete(String name);
}
