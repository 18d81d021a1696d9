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
        InvalidRequestException.require(isValid(value), "activationId",
                "activation id must be 32 lower-case hex characters, got '" + value + "'");
    }

    // A loop, not a regex: ids are created on every invocation.
    private static boolean isValid(String value) {
        if (value == null || value.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
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
