package dev.kumo.sim;

/** Hears how far a simulation run is; called from the simulating thread. */
@FunctionalInterface
public interface Progress {

    /** {@code done} of {@code total} invocations have been replayed. */
    void update(long done, long total);

    /** Progress that goes nowhere. */
    static Progress none() {
        return (done, total) -> {
        };
    }
}
