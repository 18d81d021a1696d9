package dev.kumo.client.internal;

import dev.kumo.client.KumoProtocolException;
import dev.kumo.client.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Listing helpers every resource shares: page-size checks and following {@code nextToken} to the end. */
public final class Paging {

    /** The page size of "every item" listings. */
    public static final int ALL_PAGE_SIZE = 1000;

    private Paging() {
    }

    /** Every item, fetching pages until one has no {@code nextToken}. */
    public static <T> List<T> all(Function<Optional<String>, Page<T>> fetch) {
        List<T> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<T> page = fetch.apply(token);
            out.addAll(page.items());
            if (page.nextToken().isPresent() && page.nextToken().equals(token)) {
                throw new KumoProtocolException("the server returned the same nextToken twice: " + token.get());
            }
            token = page.nextToken();
        } while (token.isPresent());
        return out;
    }

    /** {@code limit}, when it is 1-1000. */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return limit;
    }

    /** A page request of {@code target} with {@code limit} and, when present, {@code nextToken}. */
    public static RequestTarget page(RequestTarget target, int limit, Optional<String> nextToken) {
        RequestTarget withLimit = target.with("limit", checkLimit(limit));
        return nextToken.map(t -> withLimit.with("nextToken", t)).orElse(withLimit);
    }
}
