package dev.kumo.process.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * Builds the bubblewrap command line that runs a worker in a sandbox. The sandbox's root is an empty tmpfs
 * with, read-only: the system directories ({@code /usr} and the {@code /bin}, {@code /lib*}, {@code /sbin}
 * links or directories), a short list of {@code /etc} files (loader cache, users, DNS, TLS roots, time zone),
 * the function's task root and the runtime paths the launch names (a JDK home, a worker classpath, an
 * interpreter prefix): each at its host path, so paths in the worker's environment stay valid. Nothing else of
 * the host is visible: not Kumo's data directory, not other functions' code. {@code /tmp} is a private tmpfs
 * (bubblewrap 0.8 has no size option: its pages count against the cgroup memory limit instead), {@code /proc}
 * belongs to the sandbox's own PID namespace, {@code /dev} is a minimal set. New PID, IPC, UTS and cgroup
 * namespaces; the network namespace is the caller's (see {@link NetworkNamespaces}). bubblewrap runs as root
 * to set up the mounts (so paths below a private {@code /root} work), drops every capability but the two
 * {@code setpriv} needs to switch to the unprivileged user {@code 65534} ("nobody") and drop all capabilities
 * for good; no_new_privs is set, and the {@link SeccompFilter} is installed right before the worker is exec'd.
 */
public final class Sandbox {

    /** The unprivileged user and group the worker runs as. */
    public static final int NOBODY = 65_534;

    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final List<String> ETC_FILES = List.of("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives",
            "passwd", "group", "nsswitch.conf", "hosts", "host.conf", "resolv.conf", "ssl", "ca-certificates",
            "pki", "localtime", "timezone", "mime.types", "java-25-openjdk", "gai.conf");

    private final String bwrap;
    private final String setpriv;
    private final Optional<Path> seccomp;

    /**
     * @param bwrap   the bubblewrap executable
     * @param setpriv the util-linux {@code setpriv} executable, at a path below {@code /usr} or another system
     *                directory (it runs inside the sandbox)
     * @param seccomp the compiled {@link SeccompFilter} program file, if any
     */
    public Sandbox(String bwrap, String setpriv, Optional<Path> seccomp) {
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.seccomp = seccomp;
    }

    /**
     * The command that runs {@code command} in a sandbox where {@code taskRoot} is the working directory and,
     * with {@code readOnly}, the only non-system paths visible. The environment passes through unchanged (set
     * the worker's environment on the process that runs the returned command).
     */
    public List<String> wrap(List<String> command, Path taskRoot, List<Path> readOnly) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        List<String> args = new ArrayList<>();
        seccomp.ifPresent(file -> args.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 3< \"$0\"", file.toString())));
        args.add(bwrap);
        args.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", "kumo", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"));
        List<Path> bound = new ArrayList<>();
        args.addAll(List.of("--ro-bind", "/usr", "/usr"));
        bound.add(Path.of("/usr"));
        for (String dir : SYSTEM_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                args.addAll(List.of("--symlink", readLink(p), dir));
            } else if (Files.isDirectory(p)) {
                args.addAll(List.of("--ro-bind", dir, dir));
                bound.add(p);
            }
        }
        args.addAll(List.of("--perms", "0755", "--dir", "/etc"));
        for (String name : ETC_FILES) {
            args.addAll(List.of("--ro-bind-try", "/etc/" + name, "/etc/" + name));
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--tmpfs", "/tmp",
                "--perms", "0755", "--dir", "/var", "--perms", "01777", "--dir", "/var/tmp"));
        // Directories that exist in the sandbox already; paths below /tmp are bound into its tmpfs.
        List<Path> madeDirs = new ArrayList<>(List.of(Path.of("/tmp"), Path.of("/var"), Path.of("/var/tmp"),
                Path.of("/etc"), Path.of("/proc"), Path.of("/dev")));
        SequencedSet<Path> extra = new LinkedHashSet<>();
        extra.add(taskRoot.toAbsolutePath().normalize());
        executableRoot(command.getFirst()).ifPresent(extra::add);
        readOnly.forEach(p -> extra.add(p.toAbsolutePath().normalize()));
        for (Path path : extra) {
            if (!Files.exists(path) || covered(path, bound)) {
                continue;
            }
            for (int i = 1; i < path.getNameCount(); i++) {
                Path ancestor = path.getRoot().resolve(path.subpath(0, i));
                if (!covered(ancestor, bound) && !madeDirs.contains(ancestor)) {
                    // bubblewrap would create missing parents private (0700), hiding the path from "nobody".
                    args.addAll(List.of("--perms", "0755", "--dir", ancestor.toString()));
                    madeDirs.add(ancestor);
                }
            }
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            bound.add(path);
        }
        args.addAll(List.of("--chdir", taskRoot.toAbsolutePath().normalize().toString()));
        if (seccomp.isPresent()) {
            args.addAll(List.of("--seccomp", "3"));
        }
        args.addAll(List.of("--", setpriv, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "--bounding-set=-all", "--inh-caps=-all", "--"));
        args.addAll(command);
        return args;
    }

    /** Whether {@code path} is visible (read-only) through an earlier bind. */
    private static boolean covered(Path path, List<Path> bound) {
        return bound.stream().anyMatch(path::startsWith);
    }

    /**
     * An absolute executable outside the system directories needs its installation visible: an interpreter
     * in {@code <prefix>/bin} needs {@code <prefix>} (its standard library lives there), anything else its
     * directory.
     */
    private static Optional<Path> executableRoot(String executable) {
        Path p = Path.of(executable);
        if (!p.isAbsolute() || !Files.exists(p)) {
            return Optional.empty();
        }
        try {
            Path real = p.toRealPath();
            Path dir = real.getParent();
            if (dir.getFileName() != null && dir.getFileName().toString().equals("bin") && dir.getParent() != null
                    && dir.getParent().getNameCount() > 1) {
                return Optional.of(dir.getParent());
            }
            return Optional.of(dir);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            throw new IsolationException("cannot read the link " + link + ": " + e.getMessage(), e);
        }
    }
}
