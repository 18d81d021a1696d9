package dev.kumo.sim;

import java.util.List;

/** Quantiles with linear interpolation between closest ranks (numpy's default), as used for the paper's plots. */
final class Quantiles {

    private Quantiles() {
    }

    /** The {@code q}-quantile (0..1) of ascending {@code sorted}; 0 when empty. */
    static double of(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        double position = q * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.size() - 1);
        double fraction = position - below;
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * fraction;
    }
}
