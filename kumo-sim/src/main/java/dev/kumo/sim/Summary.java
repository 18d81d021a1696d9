package dev.kumo.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of all simulated policies, with wasted memory normalized to the reference policy {@code fixed:10m}.
 *
 * @param results           one per policy, in the order simulated
 * @param referenceIndex    which result is the reference
 * @param referenceImplicit whether the reference was added because the user did not ask for it
 */
public record Summary(List<PolicyResult> results, int referenceIndex, boolean referenceImplicit) {

    /** The spec of the reference policy. */
    public static final String REFERENCE = "fixed:10m";

    /** The columns of {@code summary.csv}; the first eight are fixed by the issue, the rest are added. */
    public static final String HEADER = "policy,apps,invocations,cold_starts,cold_start_pct_median,cold_start_pct_p75,"
            + "wasted_memory_gb_s,prewarms,wasted_memory_normalized,warm_starts,prewarmed_starts,reference";

    /** Copies the results and checks the reference index. */
    public Summary {
        results = List.copyOf(results);
        if (referenceIndex < 0 || referenceIndex >= results.size()) {
            throw new IllegalArgumentException("no reference result at " + referenceIndex);
        }
    }

    /** {@code result}'s wasted memory divided by the reference's (1.0 for the reference; 0 when it wasted none). */
    public double normalizedWaste(PolicyResult result) {
        double reference = results.get(referenceIndex).wastedMemoryGbS();
        return reference == 0 ? 0 : result.wastedMemoryGbS() / reference;
    }

    /** The CSV text: header and one row per policy. */
    public List<String> csvLines() {
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int i = 0; i < results.size(); i++) {
            var r = results.get(i);
            var mark = i != referenceIndex ? "false" : referenceImplicit ? "implicit" : "true";
            lines.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.4f,%.4f,%.3f,%d,%.4f,%d,%d,%s", r.policy(), r.apps(),
                    r.invocations(), r.coldStarts(), r.coldStartPctMedian(), r.coldStartPctP75(),
                    r.wastedMemoryGbS(), r.prewarms(), normalizedWaste(r), r.warmStarts(), r.prewarmedStarts(),
                    mark));
        }
        return lines;
    }

    /** Writes {@code summary.csv} into {@code dir}, returning its path. */
    public Path writeCsv(Path dir) throws IOException {
        var file = dir.resolve("summary.csv");
        Files.write(file, csvLines());
        return file;
    }

    /** Prints an aligned table for people. */
    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "%-26s %6s %11s %10s %8s %8s %14s %7s %9s%n", "policy", "apps", "invocations",
                "cold", "p50 %", "p75 %", "wasted GB-s", "norm", "prewarms");
        for (int i = 0; i < results.size(); i++) {
            var r = results.get(i);
            var name = r.policy() + (i == referenceIndex ? (referenceImplicit ? " (ref, implicit)" : " (ref)") : "");
            out.printf(Locale.ROOT, "%-26s %6d %11d %10d %8.2f %8.2f %14.1f %7.3f %9d%n", name, r.apps(),
                    r.invocations(), r.coldStarts(), r.coldStartPctMedian(), r.coldStartPctP75(),
                    r.wastedMemoryGbS(), normalizedWaste(r), r.prewarms());
        }
    }
}
