package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.Paging;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.Transport;
import dev.kumo.client.internal.Wire;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Rules ({@code /v1/rules}) linking triggers to functions. Get one from {@link KumoClient#rules()}; thread-safe. */
public final class RuleClient {

    private final Transport transport;

    RuleClient(Transport transport) {
        this.transport = transport;
    }

    /** Creates or replaces a rule; the trigger and the function must exist (404 otherwise). */
    public RuleInfo put(String name, RuleSpec spec) {
        return EventWire.rule(Wire.parse(transport.call("PUT", target(name), "application/json",
                Wire.bytes(EventWire.body(spec))).body(), "rule"));
    }

    /** One rule. */
    public RuleInfo get(String name) {
        return EventWire.rule(Wire.parse(transport.call("GET", target(name)).body(), "rule"));
    }

    /** The first page of rules in name order. */
    public Page<RuleInfo> list(int limit) {
        return page(limit, Optional.empty());
    }

    /** The page of rules that {@code nextToken} points to. */
    public Page<RuleInfo> list(int limit, String nextToken) {
        return page(limit, Optional.of(nextToken));
    }

    /** Every rule. */
    public List<RuleInfo> listAll() {
        return Paging.all(token -> page(Paging.ALL_PAGE_SIZE, token));
    }

    /** Deletes a rule. */
    public void delete(String name) {
        transport.call("DELETE", target(name));
    }

    private Page<RuleInfo> page(int limit, Optional<String> nextToken) {
        return Wire.page(Wire.parse(transport.call("GET", Paging.page(RequestTarget.of("v1", "rules"), limit,
                nextToken)).body(), "rules"), EventWire::rule);
    }

    private static RequestTarget target(String name) {
        return RequestTarget.of("v1", "rules", Objects.requireNonNull(name, "name"));
    }
}
