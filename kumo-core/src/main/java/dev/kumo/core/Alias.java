package dev.kumo.core;

import java.time.Instant;
import java.util.Map;

/**
 * A named pointer to a published version, optionally splitting traffic with one more version (canary).
 *
 * @param function                 name of the function
 * @param name                     alias name, never all digits
 * @param version                  primary version
 * @param additionalVersionWeights at most one other version with the share of traffic (0..1) it gets
 * @param description              free text
 * @param modified                 last update
 */
public record Alias(String function, String name, String version, Map<String, Double> additionalVersionWeights,
                    String description, Instant modified) {

    /** Validates the routing config. */
    public Alias {
        Names.function(function);
        Names.alias(name);
        InvalidRequestException.require(version != null && (version.matches("[1-9][0-9]*")
                || FunctionVersion.LATEST.equals(version)), "version",
                "version must be $LATEST or a published version number, got '" + version + "'");
        additionalVersionWeights = additionalVersionWeights == null ? Map.of() : Map.copyOf(additionalVersionWeights);
        InvalidRequestException.require(additionalVersionWeights.size() <= 1, "additionalVersionWeights",
                "at most one additional version may receive traffic");
        additionalVersionWeights.forEach((v, w) -> {
            InvalidRequestException.require(v.matches("[1-9][0-9]*"), "additionalVersionWeights",
                    "additional version must be a published version number, got '" + v + "'");
            InvalidRequestException.require(!v.equals(version), "additionalVersionWeights",
                    "additional version must differ from the primary version " + version);
            InvalidRequestException.require(w != null && w >= 0.0 && w <= 1.0, "additionalVersionWeights",
                    "weight of version " + v + " must be between 0 and 1, got " + w);
        });
        description = description == null ? "" : description;
    }

    /**
     * Picks the version one invocation goes to.
     *
     * @param uniform a number drawn uniformly from [0, 1)
     */
    public String route(double uniform) {
        double cumulative = 0;
        for (var e : additionalVersionWeights.entrySet()) {
            cumulative += e.getValue();
            if (uniform < cumulative) {
                return e.getKey();
            }
        }
        return version;
    }
}
