package dev.kumo.process.isolation;

import java.util.regex.Pattern;

/** Which group names are safe as one directory name (and inside the cgroup-entering shell command). */
final class CgroupNames {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CgroupNames() {}

    static void check(String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("cgroup name must match " + SAFE + ", got '" + name + "'");
        }
    }

    /** Makes any string (a function name, an activation id) into a safe group name. */
    static String sanitize(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
            s = "g" + s;
        }
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
