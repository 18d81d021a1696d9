package dev.kumo.spi.store;

import dev.kumo.core.Activation;
import dev.kumo.core.ActivationId;
import dev.kumo.core.ActivationStatus;
import dev.kumo.core.Page;
import java.util.List;
import java.util.Optional;

/**
 * Activation records with bounded retention. {@link #record} is on the invocation path and must not block
 * on disk: implementations buffer and write in the background, so a crash may lose the last moments of
 * records (each implementation documents how much).
 */
public interface ActivationStore {

    /** Records an activation (visible to {@link #get} at once). */
    void record(Activation activation);

    /** Looks up one activation. */
    Optional<Activation> get(ActivationId id);

    /** Newest first; {@code function} empty for all functions, {@code token} empty for the first page. */
    default Page<Activation> list(String function, String token, int limit) {
        return list(function, Optional.empty(), token, limit);
    }

    /**
     * Newest first, only those whose current status is {@code status} when present; {@code function} empty
     * for all functions, {@code token} empty for the first page (tokens are those of the unfiltered list).
     */
    Page<Activation> list(String function, Optional<ActivationStatus> status, String token, int limit);

    /**
     * The retained activations whose {@code parentId} is {@code parent}: the calls it made to other
     * functions, oldest first.
     */
    List<Activation> children(ActivationId parent);
}
