package dev.kumo.core;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifies one activation (one invocation attempt). 32 lower-case hex characters, like OpenWhisk.
 *
 * @param value the hex string
 */
public record ActivationId(String value) {

    /** Validates the format. */
    public ActivationId {
        InvalidRequestException.require(value != null && value.matches("[0-9a-f]{32}"), "activationId",
                "activation id must be 32 hex characters, got '" + value + "'");
    }

    /** A new random id (128 bits from a thread-local generator; ids are not secrets). */
    public static ActivationId random() {
        var rnd = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        return new ActivationId(hex.toHexDigits(rnd.nextLong()) + hex.toHexDigits(rnd.nextLong()));
    }

    @Override
    public String toString() {
        return value;
    }
}
