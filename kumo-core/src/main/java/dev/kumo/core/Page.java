package dev.kumo.core;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing plus the token that fetches the next one.
 *
 * @param items     the items of this page
 * @param nextToken opaque token for the next page, empty on the last page
 * @param <T>       item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    /** Copies the list. */
    public Page {
        items = List.copyOf(items);
    }
}
