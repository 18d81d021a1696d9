package dev.kumo.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where and how a function instance runs. */
public enum Tier {
    /** Own class loader per instance, one invocation at a time per instance (like a Lambda container). */
    ISOLATED,
    /** One loaded instance serves up to {@code concurrency} invocations at once (the Photons idea). */
    SHARED,
    /**
     * Each instance is an OS process (a worker JVM or any language) that takes its invocations over the AWS
     * Lambda Runtime API; memory, CPU and process count are bounded by cgroups, the timeout kills the process.
     */
    PROCESS,
    /** A process-tier worker inside a bubblewrap sandbox: read-only root, private /tmp, own PID and network namespace. */
    SANDBOX;

    /** The lower-case name used in JSON and config. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether instances run outside the server's JVM, as worker processes. */
    public boolean outOfProcess() {
        return this == PROCESS || this == SANDBOX;
    }

    /** Parses a wire name, failing with the list of known tiers. */
    public static Tier parse(String value) {
        for (Tier t : values()) {
            if (t.wireName().equals(value)) {
                return t;
            }
        }
        throw new InvalidRequestException("tier", "unknown tier '" + value + "', expected one of "
                + Arrays.stream(values()).map(Tier::wireName).collect(Collectors.joining(", ")));
    }
}
