package dev.kumo.process.isolation;

import java.nio.file.Path;

/**
 * A cgroup hierarchy Kumo may create groups in: {@link CgroupsV1} (memory, cpu and pids controllers mounted
 * separately) or {@link CgroupsV2} (the unified hierarchy). All of one server's groups live below one parent
 * group, {@code kumo-<server pid>-<random>} (several servers or tests may share one JVM), created below the server's own group in each hierarchy (so the server's own
 * limits still cover its workers); {@link #close()} removes it.
 */
public interface Cgroups extends AutoCloseable {

    /** Name prefix of Kumo's parent groups; stale ones (their server pid is gone) are removed at start. */
    String PARENT_PREFIX = "kumo-";

    /** Creates the group {@code name} (unique below Kumo's parent) with {@code limits} applied. */
    Cgroup create(String name, CgroupLimits limits);

    /** A one-line description for banners: backend and where the groups live. */
    String describe();

    /** Removes every group this instance created (killing their processes) and the parent group. */
    @Override
    void close();

    /** What {@link #detect} found. */
    sealed interface Detection {
        /** A writable hierarchy with the memory, cpu and pids controllers. */
        record Found(Cgroups cgroups) implements Detection {}

        /** No usable hierarchy; {@code reason} says what is missing. */
        record Missing(String reason) implements Detection {}
    }

    /** Detects the machine's cgroups as seen by this process ({@code /proc/self/mountinfo}, {@code /proc/self/cgroup}). */
    static Detection detect() {
        return CgroupDetector.detect(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), ProcessHandle.current().pid());
    }
}
