package dev.kumo.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints progress lines with the seconds elapsed since the run started. */
final class Progress {

    private final PrintStream out;
    private final long startNanos;

    Progress(PrintStream out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
    }

    /** Prints one line tagged with the benchmark name. */
    void say(String benchmark, String message) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "[%6.1fs] %-16s %s%n", elapsed, benchmark, message);
        out.flush();
    }
}
