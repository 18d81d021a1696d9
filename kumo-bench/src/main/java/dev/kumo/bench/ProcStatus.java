package dev.kumo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resident set size from Linux's {@code /proc/<pid>/status}. */
final class ProcStatus {

    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);

    private ProcStatus() {
    }

    /** The {@code VmRSS} of a process in bytes; empty when the process is gone or has no such line. */
    static OptionalLong rssBytes(long pid) {
        try {
            return vmRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
    }

    /** Parses the {@code VmRSS:  12345 kB} line of a status file into bytes. */
    static OptionalLong vmRss(String statusText) {
        Matcher m = VM_RSS.matcher(statusText);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    }

    /** RSS of a process plus all its descendants (instances a tier may run as child processes). */
    static long treeRssBytes(ProcessHandle process) {
        long total = rssBytes(process.pid()).orElse(0);
        for (ProcessHandle child : process.descendants().toList()) {
            total += rssBytes(child.pid()).orElse(0);
        }
        return total;
    }
}
