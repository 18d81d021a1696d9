package dev.kumo.bench;

/**
 * One number the server measured next to the number the simulator predicted for the same slice and policy.
 *
 * @param policy    the policy spec on trace time, e.g. {@code fixed:10m}
 * @param metric    what was compared, e.g. {@code cold_starts}
 * @param measured  the server's value
 * @param simulated the simulator's value
 */
record TwinComparison(String policy, String metric, double measured, double simulated) {

    /** The relative error of the simulator against the server, {@code (simulated - measured) / measured}. */
    double relativeError() {
        return relativeError(measured, simulated);
    }

    /**
     * {@code (simulated - measured) / measured}: how far the model is from the truth, signed (positive: the model
     * over-predicts). Zero when both are zero; NaN when only the measurement is zero.
     */
    static double relativeError(double measured, double simulated) {
        if (measured == 0) {
            return simulated == 0 ? 0 : Double.NaN;
        }
        return (simulated - measured) / measured;
    }
}
