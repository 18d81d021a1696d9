package dev.kumo.process.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** File operations on a cgroup filesystem shared by both backends (a cgroup is a directory of control files). */
final class CgroupFs {

    private static final System.Logger LOG = System.getLogger(CgroupFs.class.getName());
    private static final Pattern STALE_PARENT = Pattern.compile(Pattern.quote(Cgroups.PARENT_PREFIX) + "(\\d+)(-[0-9a-f]+)?");

    private CgroupFs() {}

    static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new IsolationException("cannot write '" + value + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static OptionalLong readLong(Path file) {
        return read(file).map(String::strip).filter(s -> s.matches("\\d+"))
                .map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /** The value of {@code key} in a flat keyed file such as {@code memory.events} or {@code memory.oom_control}. */
    static OptionalLong keyed(Path file, String key) {
        return read(file).flatMap(text -> text.lines()
                        .map(line -> line.strip().split("\\s+"))
                        .filter(parts -> parts.length == 2 && parts[0].equals(key) && parts[1].matches("\\d+"))
                        .map(parts -> Long.parseLong(parts[1]))
                        .findFirst())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    static List<Long> procs(Path dir) {
        return read(dir.resolve("cgroup.procs")).map(text -> text.lines().map(String::strip)
                .filter(s -> !s.isEmpty()).map(Long::parseLong).toList()).orElse(List.of());
    }

    static void mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new IsolationException("cannot create cgroup " + dir + ": " + e, e);
        }
    }

    /** Removes a group directory and its child groups, deepest first (cgroupfs only allows rmdir). */
    static void rmdirTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                rmdirTree(child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                // EBUSY while the last killed processes are still exiting: retry shortly.
                last = e;
                pause();
            }
        }
        throw new IsolationException("cannot remove cgroup " + dir + ": " + last, last);
    }

    /** Kills every process of the groups in {@code dirs} until they are empty (or ~2 s passed). */
    static int killAll(List<Path> dirs) {
        int signals = 0;
        for (Path dir : dirs) {
            Path kill = dir.resolve("cgroup.kill");
            if (Files.exists(kill) && !procs(dir).isEmpty()) {
                try {
                    write(kill, "1");
                    signals++;
                } catch (IsolationException e) {
                    // fall back to signalling each process below
                }
            }
        }
        for (int round = 0; round < 400; round++) {
            List<Long> pids = new ArrayList<>();
            for (Path dir : dirs) {
                pids.addAll(procs(dir));
            }
            if (pids.isEmpty()) {
                return signals;
            }
            for (long pid : pids) {
                if (pid != ProcessHandle.current().pid()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    signals++;
                }
            }
            pause();
        }
        return signals;
    }

    /** Kills the processes of stale parents below {@code parent} and removes them; logs what it cannot remove. */
    static void removeStaleParents(Path parent) {
        for (Path stale : staleParents(parent)) {
            try {
                killAll(tree(stale));
                rmdirTree(stale);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove stale cgroup " + stale, e);
            }
        }
    }

    /** Stale parents: {@code kumo-<pid>} groups below {@code parent} whose server process is gone. */
    static List<Path> staleParents(Path parent) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path child : children) {
                var m = STALE_PARENT.matcher(child.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    stale.add(child);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return stale;
    }

    /** Every group directory at or below {@code dir}. */
    static List<Path> tree(Path dir) {
        List<Path> all = new ArrayList<>();
        all.add(dir);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                all.addAll(tree(child));
            }
        } catch (IOException e) {
            // gone already
        }
        return all;
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationException("interrupted while waiting for a cgroup to empty", e);
        }
    }
}
