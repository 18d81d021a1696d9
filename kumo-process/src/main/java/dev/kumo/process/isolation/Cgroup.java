package dev.kumo.process.isolation;

import java.util.List;
import java.util.OptionalLong;

/**
 * One function instance's control group: its processes share the memory, CPU and process-count limits it was
 * created with. Get one from {@link Cgroups#create}; {@link #close()} it when the instance is gone.
 */
public interface Cgroup extends AutoCloseable {

    /** The group's name below Kumo's parent group. */
    String name();

    /**
     * Wraps {@code command} so the process moves itself into this group and then execs the command: whatever it
     * forks is born inside the group (moving a pid after start would race with its first fork).
     */
    List<String> wrap(List<String> command);

    /** Moves a running process (and only it, not its existing children) into this group. */
    void add(long pid);

    /**
     * Changes the group's CPU weight, in {@link CgroupLimits#cpuShares()} units: a pre-started worker boots at
     * the default weight and gets its function's weight when it takes the function up.
     */
    void cpuShares(int shares);

    /** The processes in the group now (all controllers' views merged). */
    List<Long> pids();

    /** Whether the kernel's OOM killer killed a process of this group because of the group's memory limit. */
    boolean oomKilled();

    /** The highest memory use the group reached, in bytes, if the kernel reports it. */
    OptionalLong memoryPeak();

    /**
     * Kills every process in the group with SIGKILL, repeating until the group is empty or a short grace period
     * passed (a process may fork while the first ones die). Returns how many kill signals were sent.
     */
    int killAll();

    /** Kills what is left and removes the group's directories. Idempotent. */
    @Override
    void close();
}
