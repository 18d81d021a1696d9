package dev.kumo.process.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a cgroup hierarchy this process may create groups in, from its mount table and its own cgroup
 * membership (so groups nest below the server's own group and stay covered by its limits). Prefers v1 when the
 * memory, cpu and pids controllers are all mounted as v1 (a hybrid machine whose v2 tree then lacks them).
 */
final class CgroupDetector {

    private static final Set<String> NEEDED = Set.of("memory", "cpu", "pids");

    private CgroupDetector() {}

    static Cgroups.Detection detect(Path mountinfo, Path selfCgroup, long pid) {
        List<Mount> mounts;
        List<String> membership;
        try {
            mounts = Files.readAllLines(mountinfo).stream().map(Mount::parse).flatMap(Optional::stream).toList();
            membership = Files.readAllLines(selfCgroup);
        } catch (IOException e) {
            return new Cgroups.Detection.Missing("cannot read the cgroup mounts (" + e.getMessage() + "): not Linux?");
        }
        String parentName = Cgroups.PARENT_PREFIX + pid + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Map<String, Path> v1 = new HashMap<>();
        for (String controller : NEEDED) {
            ownGroupV1(mounts, membership, controller).ifPresent(dir -> v1.put(controller, dir.resolve(parentName)));
        }
        try {
            if (v1.keySet().equals(NEEDED)) {
                return new Cgroups.Detection.Found(new CgroupsV1(v1));
            }
            Optional<Path> v2 = ownGroupV2(mounts, membership);
            if (v2.isEmpty()) {
                return new Cgroups.Detection.Missing("no cgroup hierarchy with the memory, cpu and pids controllers"
                        + " is mounted (found v1 controllers " + v1.keySet() + " and no usable cgroup2 mount)");
            }
            Path base = v2.get();
            Optional<String> missing = enableV2Controllers(base);
            if (missing.isPresent()) {
                // A group with processes (the server's own) cannot hand controllers to children; the root group
                // can. Then the server's own limits do not cover its workers, but each worker has its own.
                Path root = v2Root(mounts).orElse(base);
                if (root.equals(base) || enableV2Controllers(root).isPresent()) {
                    return new Cgroups.Detection.Missing(missing.get());
                }
                base = root;
            }
            return new Cgroups.Detection.Found(new CgroupsV2(base.resolve(parentName)));
        } catch (IsolationException e) {
            return new Cgroups.Detection.Missing("cannot create cgroups (run Kumo as root or in a delegated cgroup): "
                    + e.getMessage());
        }
    }

    private static Optional<Path> ownGroupV1(List<Mount> mounts, List<String> membership, String controller) {
        Optional<Mount> mount = mounts.stream()
                .filter(m -> m.type().equals("cgroup") && m.superOptions().contains(controller)).findFirst();
        Optional<String> path = membership.stream().map(line -> line.split(":", 3)).filter(parts -> parts.length == 3)
                .filter(parts -> List.of(parts[1].split(",")).contains(controller)).map(parts -> parts[2]).findFirst();
        return mount.map(m -> m.resolve(path.orElse("/")));
    }

    private static Optional<Path> ownGroupV2(List<Mount> mounts, List<String> membership) {
        Optional<Mount> mount = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst();
        Optional<String> path = membership.stream().filter(line -> line.startsWith("0::")).map(line -> line.substring(3))
                .findFirst();
        return mount.map(m -> m.resolve(path.orElse("/")));
    }

    private static Optional<Path> v2Root(List<Mount> mounts) {
        return mounts.stream().filter(m -> m.type().equals("cgroup2") && m.root().equals("/")).map(Mount::mountPoint)
                .findFirst();
    }

    /** Makes memory, cpu and pids available to groups below {@code own}; the reason why not, otherwise. */
    private static Optional<String> enableV2Controllers(Path own) {
        Set<String> available = words(own.resolve("cgroup.controllers"));
        if (!available.containsAll(NEEDED)) {
            return Optional.of("the cgroup v2 group " + own + " offers controllers " + available
                    + ", needs memory, cpu and pids (delegate them, e.g. systemd-run --scope -p Delegate=yes)");
        }
        if (words(own.resolve("cgroup.subtree_control")).containsAll(NEEDED)) {
            return Optional.empty();
        }
        try {
            CgroupFs.write(own.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
            return Optional.empty();
        } catch (IsolationException e) {
            return Optional.of("cannot enable memory, cpu and pids below the cgroup v2 group " + own
                    + " (a group with processes cannot delegate them; start Kumo in its own delegated group): "
                    + e.getMessage());
        }
    }

    private static Set<String> words(Path file) {
        return CgroupFs.read(file).map(s -> Set.of(s.strip().split("\\s+"))).orElse(Set.of());
    }

    /** One line of {@code /proc/self/mountinfo}: what matters for cgroups. */
    record Mount(String root, Path mountPoint, String type, List<String> superOptions) {

        static Optional<Mount> parse(String line) {
            String[] halves = line.split(" - ", 2);
            if (halves.length != 2) {
                return Optional.empty();
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            if (left.length < 5 || right.length < 3) {
                return Optional.empty();
            }
            return Optional.of(new Mount(unescape(left[3]), Path.of(unescape(left[4])), right[0],
                    List.of(right[2].split(","))));
        }

        /** The directory of a group path (as in /proc/self/cgroup) in this mount. */
        Path resolve(String groupPath) {
            String relative = groupPath;
            if (!root.equals("/") && (groupPath.equals(root) || groupPath.startsWith(root + "/"))) {
                relative = groupPath.substring(root.length());
            }
            Path dir = mountPoint;
            for (String part : relative.split("/")) {
                if (!part.isEmpty()) {
                    dir = dir.resolve(part);
                }
            }
            return dir;
        }

        private static String unescape(String s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
