package dev.kumo.store.internal;

import dev.kumo.core.InvalidRequestException;
import dev.kumo.core.Page;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

/** Cuts sorted listings into pages whose token is the sort key of the last item served. */
public final class Pagination {

    private Pagination() {
    }

    /** Rejects a non-positive page size. */
    public static int checkLimit(int limit) {
        InvalidRequestException.require(limit >= 1, "limit", "limit must be at least 1, got " + limit);
        return limit;
    }

    /**
     * Takes up to {@code limit} items; the next token is set only when more items follow, so the last page
     * never carries one.
     */
    public static <T> Page<T> page(Iterator<T> items, int limit, Function<T, String> tokenOf) {
        checkLimit(limit);
        var out = new ArrayList<T>(Math.min(limit, 64));
        while (out.size() < limit && items.hasNext()) {
            out.add(items.next());
        }
        Optional<String> next = !out.isEmpty() && items.hasNext()
                ? Optional.of(tokenOf.apply(out.getLast())) : Optional.empty();
        return new Page<>(out, next);
    }
}
