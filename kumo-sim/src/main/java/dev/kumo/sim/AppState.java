package dev.kumo.sim;

/** The simulated state of one application under one policy; mutable, owned by a single {@link Simulator} run. */
final class AppState {

    /** Whether an instance is loaded (warm). */
    boolean loaded;
    /** Loaded by a pre-warm and not used since: the next start counts as pre-warmed. */
    boolean prewarmedUnused;
    /** Invocations running now (they share the one instance). */
    int executing;
    /** When the loaded instance last became idle. */
    long idleSinceMs;
    /** Bumped whenever the plan changes, so that stale unload and pre-warm events are ignored. */
    long generation;
    long invocations;
    long coldStarts;
    long prewarmedStarts;
    long prewarms;
    long wastedMs;

    void becomeIdle(long now) {
        idleSinceMs = now;
    }

    void unload(long now) {
        if (loaded && executing == 0) {
            wastedMs += now - idleSinceMs;
        }
        loaded = false;
        prewarmedUnused = false;
    }
}
