package dev.kumo.client;

import java.util.Locale;

/** Outcome of one activation, as named on the wire ({@code success}, {@code error}, {@code timeout}, {@code rejected}). */
public enum ActivationStatus {
    /** The handler returned a value. */
    SUCCESS,
    /** The handler threw. */
    ERROR,
    /** The handler ran past the function's {@code timeoutMs}. */
    TIMEOUT,
    /** The platform refused the invocation (limits or overload). */
    REJECTED;

    /** The lower-case name used in JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, ignoring case.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static ActivationStatus fromWire(String name) {
        for (ActivationStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown activation status '" + name + "'");
    }
}
