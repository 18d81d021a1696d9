package dev.kumo.process.isolation;

import dev.kumo.core.Tier;
import java.nio.file.Path;

/**
 * The isolation layer the process-tier executor launches workers through (see the package description for
 * the call order). Detected once at start; a missing piece makes a tier {@link Availability.Unavailable} with a
 * reason, it never fails the server. Thread-safe.
 */
public interface Isolation extends AutoCloseable {

    /**
     * Whether {@code tier} can run workers here. The process tier is always available (without cgroups it runs
     * workers unlimited, and says so); the sandbox tier needs root, cgroups, bubblewrap, setpriv, iproute2 and a
     * known CPU architecture for its seccomp filter.
     */
    Availability availability(Tier tier);

    /**
     * A network for one function version's sandboxed workers: {@link NetworkPolicy#NONE} gets a new network
     * namespace, {@link NetworkPolicy#EGRESS} the host network. Close it when the version's workers are gone.
     *
     * @throws IsolationException if the sandbox tier is unavailable or the namespace cannot be made
     */
    FunctionNetwork network(NetworkPolicy policy);

    /**
     * Prepares one worker's confinement: creates its cgroup (when cgroups are available) and builds the command.
     *
     * @throws IsolationException if the request's tier is unavailable or the cgroup cannot be created
     */
    Confinement confine(LaunchRequest request);

    /** Removes every cgroup and network namespace this instance made, killing what still runs in them. */
    @Override
    void close();

    /**
     * Detects what this machine offers; {@code workDir} is where the seccomp program file is written (created
     * if missing).
     */
    static Isolation detect(Path workDir) {
        return detect(workDir, IsolationProbes.system());
    }

    /** Like {@link #detect(Path)} with injected probes. */
    static Isolation detect(Path workDir, IsolationProbes probes) {
        return DetectedIsolation.detect(workDir, probes);
    }
}
