package dev.kumo.client;

import dev.kumo.client.internal.Encoder;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A named pointer to a published version, optionally splitting traffic with one more version.
 *
 * @param function                 the function the alias belongs to
 * @param name                     alias name
 * @param version                  primary version
 * @param additionalVersionWeights at most one further version and the share of invocations (0..1) it receives
 * @param description              free text, possibly empty
 * @param modified                 when the alias last changed
 */
public record AliasInfo(String function, String name, String version, Map<String, Double> additionalVersionWeights,
                        String description, Instant modified) {

    /** Copies the weights and rejects nulls. */
    public AliasInfo {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        additionalVersionWeights = Map.copyOf(additionalVersionWeights);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(modified, "modified");
    }

    /** This alias in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(Encoder.toJson(this));
    }
}
