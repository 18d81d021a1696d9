package dev.kumo.process.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cgroup v2: one unified hierarchy, so a group is one directory. Memory: {@code memory.max} with
 * {@code memory.swap.max = 0}; out-of-memory kills are counted in {@code memory.events}' {@code oom_kill},
 * the peak in {@code memory.peak} (Linux 5.19+). CPU: {@code cpu.weight} (the v1 shares scaled so 1024 -> 100).
 * Processes: {@code pids.max}. Killing writes {@code cgroup.kill} where it exists (Linux 5.14+), which
 * cannot race with forks. Kumo's parent group enables the three controllers for its children in
 * {@code cgroup.subtree_control}; that needs the parent's parent to have them enabled too (a delegated
 * subtree, e.g. {@code systemd-run --scope -p Delegate=yes}), which {@link CgroupDetector} checks.
 */
public final class CgroupsV2 implements Cgroups {

    private static final DirectoryCgroup.MemoryFiles MEMORY =
            new DirectoryCgroup.MemoryFiles("memory.events", "oom_kill", "memory.peak");

    private final Path parent;
    private final Set<DirectoryCgroup> live = ConcurrentHashMap.newKeySet();

    /** Uses (and creates) Kumo's parent group {@code parent}; removes stale sibling parents of dead servers first. */
    public CgroupsV2(Path parent) {
        this.parent = parent;
        CgroupFs.removeStaleParents(parent.getParent());
        if (!Files.isDirectory(parent)) {
            CgroupFs.mkdir(parent);
        }
        CgroupFs.write(parent.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
    }

    @Override
    public Cgroup create(String name, CgroupLimits limits) {
        CgroupNames.check(name);
        Path dir = parent.resolve(name);
        CgroupFs.mkdir(dir);
        try {
            CgroupFs.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                CgroupFs.write(dir.resolve("memory.swap.max"), "0");
            }
            CgroupFs.write(dir.resolve("cpu.weight"), Integer.toString(limits.cpuWeight()));
            CgroupFs.write(dir.resolve("pids.max"), Integer.toString(limits.pidsMax()));
        } catch (RuntimeException e) {
            try {
                CgroupFs.rmdirTree(dir);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        DirectoryCgroup group = new DirectoryCgroup(name, List.of(dir), dir, MEMORY, shares -> CgroupFs.write(
                dir.resolve("cpu.weight"), Integer.toString(new CgroupLimits(limits.memoryBytes(), shares,
                        limits.pidsMax()).cpuWeight())), live::remove);
        live.add(group);
        return group;
    }

    @Override
    public String describe() {
        return "cgroup v2 (memory, cpu, pids) under " + parent;
    }

    @Override
    public void close() {
        List.copyOf(live).forEach(DirectoryCgroup::close);
        CgroupFs.killAll(CgroupFs.tree(parent));
        CgroupFs.rmdirTree(parent);
    }

}
