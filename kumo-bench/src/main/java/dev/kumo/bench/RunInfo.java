package dev.kumo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where and when a run happened, printed with the results so numbers are never read without their machine.
 *
 * @param date     when the run started (UTC)
 * @param cores    available processors
 * @param cpu      CPU model name, {@code unknown} if it cannot be read
 * @param os       operating system and kernel
 * @param java     Java runtime version and vendor
 * @param maxHeap  the benchmark JVM's maximum heap, in bytes
 */
record RunInfo(Instant date, int cores, String cpu, String os, String java, long maxHeap) {

    /** Describes the current machine and JVM. */
    static RunInfo current(Instant date) {
        return new RunInfo(date, Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                Runtime.getRuntime().maxMemory());
    }

    /** One line for the summary. */
    String describe() {
        return cores + " cores, " + cpu + ", " + os + ", Java " + java + ", "
                + date.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return "unknown";
    }
}
