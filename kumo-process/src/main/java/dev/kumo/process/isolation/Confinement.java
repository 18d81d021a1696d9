package dev.kumo.process.isolation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A worker's confinement, prepared before the worker starts and released after it is gone: the command to
 * start (it enters the cgroup, the network namespace and the sandbox before it execs the worker) and the
 * cgroup that tells how it ended. Thread-safe.
 */
public interface Confinement extends AutoCloseable {

    /** The command line to start, with the worker's environment. */
    List<String> command();

    /** The worker's cgroup, if cgroups are available (the process tier runs without them, unlimited). */
    Optional<Cgroup> cgroup();

    /** Whether the worker (or anything it started) was killed for exceeding the memory limit. */
    default boolean oomKilled() {
        return cgroup().map(Cgroup::oomKilled).orElse(false);
    }

    /** The worker's peak memory use in bytes, if known. */
    default OptionalLong memoryPeak() {
        return cgroup().map(Cgroup::memoryPeak).orElse(OptionalLong.empty());
    }

    /** Kills every process of the worker (SIGKILL to the whole cgroup); the caller kills its own process too. */
    default void kill() {
        cgroup().ifPresent(Cgroup::killAll);
    }

    /** Kills what is left and removes the cgroup. Idempotent. */
    @Override
    default void close() {
        cgroup().ifPresent(Cgroup::close);
    }

    /** A confinement of {@code command} in {@code cgroup} (or in none). */
    static Confinement of(List<String> command, Optional<Cgroup> cgroup) {
        List<String> copy = List.copyOf(command);
        return new Confinement() {
            @Override
            public List<String> command() {
                return copy;
            }

            @Override
            public Optional<Cgroup> cgroup() {
                return cgroup;
            }

            @Override
            public String toString() {
                return "confinement " + cgroup.map(Cgroup::name).orElse("(no cgroup)");
            }
        };
    }
}
