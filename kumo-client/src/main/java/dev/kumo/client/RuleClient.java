package dev.kumo.client;

import dev.kumo.client.internal.EventWire;
import dev.kumo.client.internal.RequestTarget;
import dev.kumo.client.internal.ResourceCollection;
import dev.kumo.client.internal.Transport;
import java.util.List;
import java.util.Optional;

/** Rules ({@code /v1/rules}) linking triggers to functions. Get one from {@link KumoClient#rules()}; thread-safe. */
public final class RuleClient {

    private final ResourceCollection<RuleInfo> rules;

    RuleClient(Transport transport) {
        this.rules = new ResourceCollection<>(transport, RequestTarget.of("v1", "rules"), "rule", "rules",
                EventWire::rule);
    }

    /** Creates or replaces a rule; the trigger and the function must exist (404 otherwise). */
    public RuleInfo put(String name, RuleSpec spec) {
        return rules.put(name, EventWire.body(spec));
    }

    /** One rule. */
    public RuleInfo get(String name) {
        return rules.get(name);
    }

    /** The first page of rules in name order. */
    public Page<RuleInfo> list(int limit) {
        return rules.page(limit, Optional.empty());
    }

    /** The page of rules that {@code nextToken} points to. */
    public Page<RuleInfo> list(int limit, String nextToken) {
        return rules.page(limit, Optional.of(nextToken));
    }

    /** Every rule. */
    public List<RuleInfo> listAll() {
        return rules.all();
    }

    /** Deletes a rule. */
    public void delete(String name) {
        rules.delete(name);
    }
}
