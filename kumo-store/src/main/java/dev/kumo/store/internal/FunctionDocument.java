package dev.kumo.store.internal;

import dev.kumo.core.Alias;
import dev.kumo.core.FunctionVersion;
import java.util.List;

/**
 * How one function is stored: a single JSON value holding its draft, published versions and aliases.
 * One value per function makes every registry operation a single put or remove, so a commit can never
 * hold half of one (for instance a deleted function whose aliases survive).
 *
 * @param latest      the {@code $LATEST} draft
 * @param versions    published versions, ascending
 * @param aliases     aliases, in name order
 * @param lastVersion highest version number ever published, so that numbers are never reused
 */
public record FunctionDocument(FunctionVersion latest, List<FunctionVersion> versions, List<Alias> aliases,
                               long lastVersion) {

    /** Copies the lists. */
    public FunctionDocument {
        versions = versions == null ? List.of() : List.copyOf(versions);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
