package dev.kumo.sim;

import dev.kumo.sim.trace.Trace;
import dev.kumo.spi.keepalive.KeepAlivePolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Simulates several policies over one trace, each with a fresh policy instance, and adds the reference
 * {@code fixed:10m} (marked implicit) when it was not asked for, so wasted memory can always be normalized.
 */
public final class PolicyComparison {

    /** The default policies: hybrid-histogram and the fixed curve of the paper's Figure 15. */
    public static final List<String> DEFAULT_POLICIES = List.of("hybrid-histogram", "fixed:5m", "fixed:10m",
            "fixed:20m", "fixed:30m", "fixed:60m", "fixed:120m");

    private PolicyComparison() {
    }

    /**
     * Runs every spec in {@code specs} over {@code trace}; {@code progress} gives a listener per spec.
     *
     * @throws IllegalArgumentException for an unknown or malformed spec (checked before anything runs)
     */
    public static Summary run(List<String> specs, Trace trace, long seed, Function<String, Progress> progress) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no policy to simulate");
        }
        int reference = -1;
        for (int i = 0; i < specs.size(); i++) {
            var created = KeepAlivePolicies.create(specs.get(i));
            if (reference < 0 && Summary.REFERENCE.equals(created.toString())) {
                reference = i;
            }
        }
        var all = new ArrayList<>(specs);
        boolean implicit = reference < 0;
        if (implicit) {
            all.add(Summary.REFERENCE);
            reference = all.size() - 1;
        }
        var results = new ArrayList<PolicyResult>();
        for (var spec : all) {
            results.add(Simulator.run(spec, trace, seed, progress.apply(spec)));
        }
        return new Summary(results, reference, implicit);
    }
}
