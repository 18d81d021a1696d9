package dev.kumo.client;

import java.util.Locale;

/** Execution tier of a function, as named on the wire ({@code isolated}, {@code shared}). */
public enum Tier {
    /** One invocation per instance, each instance in its own sandbox. */
    ISOLATED,
    /** Several invocations share an instance, up to the function's {@code concurrency}. */
    SHARED,
    /** Each instance is a worker process (any runtime) with cgroup limits, fed over the Lambda Runtime API. */
    PROCESS,
    /** A process-tier worker inside a bubblewrap sandbox with its own PID and network namespace. */
    SANDBOX;

    /** The lower-case name used in JSON and query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, ignoring case.
     *
     * @throws IllegalArgumentException when {@code name} names no tier
     */
    public static Tier fromWire(String name) {
        for (Tier tier : values()) {
            if (tier.wireName().equalsIgnoreCase(name)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown tier '" + name + "', expected isolated, shared, process or sandbox");
    }
}
