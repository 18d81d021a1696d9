package dev.kumo.core;

import java.util.Locale;

/** How an activation ended. */
public enum ActivationStatus {
    /** The function returned a result. */
    SUCCESS,
    /** The function threw, or its instance failed to initialize. */
    ERROR,
    /** The function ran past its timeout and was interrupted. */
    TIMEOUT,
    /** The platform refused to run it (concurrency, memory or overload limits). */
    REJECTED;

    /** The lower-case name used in JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name. */
    public static ActivationStatus parse(String value) {
        for (var s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        throw new InvalidRequestException("status", "unknown status '" + value
                + "', expected success, error, timeout or rejected");
    }
}
