package dev.kumo.sim;

import java.io.PrintStream;

/** A one-line text progress bar per policy, redrawn with a carriage return when the percentage changes. */
final class ProgressBar implements Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private int shown = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void update(long done, long total) {
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r%-24s [%s%s] %3d%% of %,d invocations".formatted(label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, total));
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }
}
