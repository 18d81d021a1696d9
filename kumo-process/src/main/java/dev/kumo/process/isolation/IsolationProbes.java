package dev.kumo.process.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link Isolation#detect} looks at, injectable so tests can play a machine without bubblewrap, without
 * cgroups or without root.
 *
 * @param cgroups    finds a writable cgroup hierarchy
 * @param executable finds an executable by name ({@code bwrap}, {@code setpriv}, {@code ip}, {@code nft})
 * @param root       whether this process runs as root (namespaces, bubblewrap's setup and setpriv need it)
 * @param osArch     the JVM's {@code os.arch}, for the seccomp filter
 */
public record IsolationProbes(Supplier<Cgroups.Detection> cgroups, Function<String, Optional<Path>> executable,
        boolean root, String osArch) {

    /** Directories searched after {@code PATH} (administrative tools live in sbin, often not on a user's PATH). */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    /** Rejects missing parts. */
    public IsolationProbes {
        if (cgroups == null || executable == null || osArch == null) {
            throw new IllegalArgumentException("cgroups, executable and osArch are required");
        }
    }

    /** Probes of this machine. */
    public static IsolationProbes system() {
        return new IsolationProbes(Cgroups::detect, IsolationProbes::onPath, isRoot(),
                System.getProperty("os.arch", ""));
    }

    /** Finds {@code name} on {@code PATH} or in the sbin/bin directories. */
    public static Optional<Path> onPath(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
