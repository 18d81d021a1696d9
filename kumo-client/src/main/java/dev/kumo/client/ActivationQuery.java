package dev.kumo.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Which activations {@link KumoClient#listActivations(ActivationQuery)} returns: newest first, optionally of one
 * function and in one status, one page at a time. Start with {@link #recent(int)} and narrow with the
 * {@code with*} methods.
 *
 * @param function  only activations of this function; empty for all
 * @param status    only activations in this status; empty for all
 * @param limit     page size, 1-1000
 * @param nextToken the token of the page to fetch; empty for the first page
 */
public record ActivationQuery(Optional<String> function, Optional<ActivationStatus> status, int limit,
                              Optional<String> nextToken) {

    /** Page size used by {@link #recent()}. */
    public static final int DEFAULT_LIMIT = 50;

    /** Validates the limit. */
    public ActivationQuery {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextToken, "nextToken");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} activations of all functions. */
    public static ActivationQuery recent() {
        return recent(DEFAULT_LIMIT);
    }

    /** The newest {@code limit} activations of all functions. */
    public static ActivationQuery recent(int limit) {
        return new ActivationQuery(Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    /** This query restricted to {@code functionName}. */
    public ActivationQuery withFunction(String functionName) {
        return new ActivationQuery(Optional.of(functionName), status, limit, nextToken);
    }

    /** This query restricted to activations in {@code wanted}, such as {@link ActivationStatus#DEAD_LETTERED}. */
    public ActivationQuery withStatus(ActivationStatus wanted) {
        return new ActivationQuery(function, Optional.of(wanted), limit, nextToken);
    }

    /** This query with another page size. */
    public ActivationQuery withLimit(int pageSize) {
        return new ActivationQuery(function, status, pageSize, nextToken);
    }

    /** This query fetching the page that {@code token} (a previous {@link Page#nextToken()}) points to. */
    public ActivationQuery withNextToken(String token) {
        return new ActivationQuery(function, status, limit, Optional.of(token));
    }
}
