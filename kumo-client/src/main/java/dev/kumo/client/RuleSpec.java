package dev.kumo.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code PUT /v1/rules/{name}} sends. Start with {@link #of(String, String)}.
 *
 * @param trigger   trigger whose events the rule delivers
 * @param function  function invoked
 * @param qualifier version or alias; empty for the server's default, {@code $LATEST}
 * @param enabled   whether events are delivered
 */
public record RuleSpec(String trigger, String function, Optional<String> qualifier, boolean enabled) {

    /** Rejects nulls. */
    public RuleSpec {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(qualifier, "qualifier");
    }

    /** An enabled rule delivering the events of {@code trigger} to {@code function}. */
    public static RuleSpec of(String trigger, String function) {
        return new RuleSpec(trigger, function, Optional.empty(), true);
    }

    /** This spec invoking version or alias {@code value}. */
    public RuleSpec withQualifier(String value) {
        return new RuleSpec(trigger, function, Optional.of(value), enabled);
    }

    /** This spec, stored but delivering nothing. */
    public RuleSpec disabled() {
        return new RuleSpec(trigger, function, qualifier, false);
    }
}
