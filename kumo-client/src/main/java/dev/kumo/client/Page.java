package dev.kumo.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing and the token that fetches the next one.
 *
 * @param items     the items of this page, in the server's order
 * @param nextToken opaque token for the next page; empty on the last page
 * @param <T>       item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    /** Copies the list. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextToken, "nextToken");
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextToken.isPresent();
    }
}
