package dev.kumo.process.isolation;

import dev.kumo.core.Tier;
import java.nio.file.Path;
import java.util.List;

/**
 * One worker to confine.
 *
 * @param name     what the worker is for (a function name, version, instance number): names its cgroup after
 *                 sanitizing; need not be unique
 * @param tier     {@link Tier#PROCESS} (cgroup only) or {@link Tier#SANDBOX} (cgroup, namespaces, bubblewrap)
 * @param command  the worker's command line, absolute executable first
 * @param limits   its memory, CPU and process-count limits
 * @param taskRoot the function's unpacked code: the working directory, visible read-only in the sandbox
 * @param readOnly more paths the worker needs to read in the sandbox (a JDK home, the worker classpath, a
 *                 runtime bootstrap): visible read-only at the same paths; system directories are always there
 * @param network  the function version's network from {@link Isolation#network}; {@link FunctionNetwork#host()}
 *                 for the process tier
 */
public record LaunchRequest(String name, Tier tier, List<String> command, CgroupLimits limits, Path taskRoot,
        List<Path> readOnly, FunctionNetwork network) {

    /** Rejects missing parts and non-worker tiers, copies the lists. */
    public LaunchRequest {
        if (name == null || tier == null || command == null || limits == null || taskRoot == null
                || readOnly == null || network == null) {
            throw new IllegalArgumentException("name, tier, command, limits, taskRoot, readOnly and network are required");
        }
        if (!tier.outOfProcess()) {
            throw new IllegalArgumentException("only the process and sandbox tiers launch workers, got " + tier);
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        command = List.copyOf(command);
        readOnly = List.copyOf(readOnly);
    }

    /** A process-tier launch: no sandbox paths, the host network. */
    public static LaunchRequest process(String name, List<String> command, CgroupLimits limits, Path taskRoot) {
        return new LaunchRequest(name, Tier.PROCESS, command, limits, taskRoot, List.of(), FunctionNetwork.host());
    }
}
