package dev.kumo.process.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A group made of one directory per hierarchy (v1: memory, cpu, pids; v2: one). The backends differ only in
 * which files tell about memory, so those are passed in.
 */
final class DirectoryCgroup implements Cgroup {

    /**
     * Enters every {@code cgroup.procs} file named before {@code --}, then execs the rest. Exit 125 (like env(1)
     * for "could not run") when the group cannot be entered, so the worker never runs unconfined.
     */
    static final String ENTER_SCRIPT =
            "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    private final String name;
    private final List<Path> dirs;
    private final Path memoryDir;
    private final MemoryFiles memory;
    private final Consumer<DirectoryCgroup> onClose;
    private final IntConsumer setShares;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Where a backend finds out-of-memory kills and the peak. */
    record MemoryFiles(String oomFile, String oomKey, String peakFile) {}

    /** @param setShares writes a CPU weight in {@code cpu.shares} units to the backend's file */
    DirectoryCgroup(String name, List<Path> dirs, Path memoryDir, MemoryFiles memory, IntConsumer setShares,
                    Consumer<DirectoryCgroup> onClose) {
        this.name = name;
        this.dirs = List.copyOf(dirs);
        this.memoryDir = memoryDir;
        this.memory = memory;
        this.onClose = onClose;
        this.setShares = setShares;
    }

    @Override
    public void cpuShares(int shares) {
        setShares.accept(shares);
    }

    @Override
    public String name() {
        return name;
    }

    List<Path> dirs() {
        return dirs;
    }

    @Override
    public List<String> wrap(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", ENTER_SCRIPT, "kumo-cgroup"));
        dirs.forEach(d -> wrapped.add(d.resolve("cgroup.procs").toString()));
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    @Override
    public void add(long pid) {
        dirs.forEach(d -> CgroupFs.write(d.resolve("cgroup.procs"), Long.toString(pid)));
    }

    @Override
    public List<Long> pids() {
        return dirs.stream().flatMap(d -> CgroupFs.procs(d).stream()).distinct().sorted().toList();
    }

    @Override
    public boolean oomKilled() {
        OptionalLong kills = CgroupFs.keyed(memoryDir.resolve(memory.oomFile()), memory.oomKey());
        return kills.isPresent() && kills.getAsLong() > 0;
    }

    @Override
    public OptionalLong memoryPeak() {
        return CgroupFs.readLong(memoryDir.resolve(memory.peakFile()));
    }

    @Override
    public int killAll() {
        return CgroupFs.killAll(dirs);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                killAll();
                dirs.forEach(CgroupFs::rmdirTree);
            } finally {
                onClose.accept(this);
            }
        }
    }

    @Override
    public String toString() {
        return "cgroup " + name + " " + dirs;
    }
}
