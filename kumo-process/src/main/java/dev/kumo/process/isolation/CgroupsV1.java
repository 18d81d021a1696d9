package dev.kumo.process.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cgroup v1: the memory, cpu and pids controllers each have their own hierarchy, so a group is three
 * directories with the same name. Memory: {@code memory.limit_in_bytes} plus {@code memory.memsw.limit_in_bytes}
 * at the same value where swap accounting exists (no swapping past the limit); out-of-memory kills are counted
 * in {@code memory.oom_control}'s {@code oom_kill}. CPU: {@code cpu.shares}. Processes: {@code pids.max}.
 */
public final class CgroupsV1 implements Cgroups {

    /** The controllers Kumo limits, in the order their directories are listed. */
    public static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");

    private static final DirectoryCgroup.MemoryFiles MEMORY =
            new DirectoryCgroup.MemoryFiles("memory.oom_control", "oom_kill", "memory.max_usage_in_bytes");

    private final Map<String, Path> parents;
    private final Set<DirectoryCgroup> live = ConcurrentHashMap.newKeySet();

    /**
     * Uses (and creates) {@code parents}: controller name to Kumo's parent group directory in that controller's
     * hierarchy (e.g. {@code memory -> /sys/fs/cgroup/memory/<server's group>/kumo-<pid>}); removes stale sibling
     * parents of dead servers first.
     */
    public CgroupsV1(Map<String, Path> parents) {
        if (!parents.keySet().containsAll(CONTROLLERS)) {
            throw new IllegalArgumentException("need parent groups for " + CONTROLLERS + ", got " + parents.keySet());
        }
        this.parents = Map.copyOf(parents);
        for (Path parent : Set.copyOf(this.parents.values())) {
            CgroupFs.removeStaleParents(parent.getParent());
            if (!Files.isDirectory(parent)) {
                CgroupFs.mkdir(parent);
            }
        }
        // Hierarchical accounting, so the server's own memory limit covers its workers (a no-op where it is on).
        Path useHierarchy = this.parents.get("memory").resolve("memory.use_hierarchy");
        if (Files.exists(useHierarchy) && CgroupFs.readLong(useHierarchy).orElse(1) == 0) {
            try {
                CgroupFs.write(useHierarchy, "1");
            } catch (IsolationException e) {
                // set by the parent already or not changeable: accounting still works per group
            }
        }
    }

    @Override
    public Cgroup create(String name, CgroupLimits limits) {
        CgroupNames.check(name);
        // Controllers may be co-mounted (e.g. "cpu,memory"): then two of them share one directory.
        Map<String, Path> dirs = new LinkedHashMap<>();
        List<Path> created = new ArrayList<>();
        try {
            for (String controller : CONTROLLERS) {
                Path dir = parents.get(controller).resolve(name);
                dirs.put(controller, dir);
                if (!created.contains(dir)) {
                    CgroupFs.mkdir(dir);
                    created.add(dir);
                }
            }
            Path memory = dirs.get("memory");
            String bytes = Long.toString(limits.memoryBytes());
            CgroupFs.write(memory.resolve("memory.limit_in_bytes"), bytes);
            if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
                CgroupFs.write(memory.resolve("memory.memsw.limit_in_bytes"), bytes);
            }
            CgroupFs.write(dirs.get("cpu").resolve("cpu.shares"), Integer.toString(limits.cpuShares()));
            CgroupFs.write(dirs.get("pids").resolve("pids.max"), Integer.toString(limits.pidsMax()));
        } catch (RuntimeException e) {
            created.forEach(d -> {
                try {
                    CgroupFs.rmdirTree(d);
                } catch (RuntimeException ignored) {
                    e.addSuppressed(ignored);
                }
            });
            throw e;
        }
        Path cpuShares = dirs.get("cpu").resolve("cpu.shares");
        DirectoryCgroup group = new DirectoryCgroup(name, created, dirs.get("memory"), MEMORY,
                shares -> CgroupFs.write(cpuShares, Integer.toString(shares)), live::remove);
        live.add(group);
        return group;
    }

    @Override
    public String describe() {
        return "cgroup v1 (memory, cpu, pids) under " + parents.get("memory");
    }

    @Override
    public void close() {
        List.copyOf(live).forEach(DirectoryCgroup::close);
        for (Path parent : Set.copyOf(parents.values())) {
            CgroupFs.killAll(CgroupFs.tree(parent));
            CgroupFs.rmdirTree(parent);
        }
    }
}
