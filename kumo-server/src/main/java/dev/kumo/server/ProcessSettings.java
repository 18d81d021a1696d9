package dev.kumo.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The process and sandbox tiers of a node (see {@code docs/guides/process-tier.md}).
 *
 * @param enabled    whether the node runs worker processes at all ({@code --process-tier on|off})
 * @param workerPool most pre-started generic worker JVMs per memory size ({@code --worker-pool}); 0: none
 * @param workerHome the Java worker's home ({@code lib/} and the AOT cache); empty: found next to Kumo's jars
 * @param region     {@code AWS_REGION} of workers and the region in their function ARNs ({@code --region})
 */
public record ProcessSettings(boolean enabled, int workerPool, Optional<Path> workerHome, String region) {

    /** Validates the values. */
    public ProcessSettings {
        if (workerPool < 0 || workerPool > 64) {
            throw new IllegalArgumentException("--worker-pool must be 0-64, got " + workerPool);
        }
        if (workerHome == null || region == null || !region.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("--region must look like us-east-1, got '" + region + "'");
        }
    }

    /** Enabled, one pre-started worker JVM per memory size in demand, worker home found, region us-east-1. */
    public static ProcessSettings defaults() {
        return new ProcessSettings(true, 1, Optional.empty(), "us-east-1");
    }

    /** Switched off: process and sandbox functions are refused at deploy. */
    public static ProcessSettings off() {
        return new ProcessSettings(false, 0, Optional.empty(), "us-east-1");
    }
}
