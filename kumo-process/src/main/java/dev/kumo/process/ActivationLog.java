package dev.kumo.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded log of one activation (or one cold start) of a worker: whole lines, at most {@code maxLines} lines
 * and {@code maxBytes} bytes, past which one {@value #TRUNCATED} line stands for the rest, as in the in-JVM
 * tiers. Ignores lines after {@link #drain()}.
 */
final class ActivationLog {

    /** The line that replaces everything past the limits. */
    static final String TRUNCATED = "[logs truncated]";

    private final int maxLines;
    private final int maxBytes;
    private final List<String> lines = new ArrayList<>();
    private int bytes;
    private boolean truncated;
    private boolean drained;

    ActivationLog(int maxLines, int maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    synchronized void add(String line, int size) {
        if (drained || truncated) {
            return;
        }
        if (lines.size() >= maxLines || bytes + size > maxBytes) {
            truncated = true;
            lines.add(TRUNCATED);
            return;
        }
        lines.add(line);
        bytes += size;
    }

    synchronized List<String> drain() {
        drained = true;
        return List.copyOf(lines);
    }
}
