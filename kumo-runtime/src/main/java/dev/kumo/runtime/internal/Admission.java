package dev.kumo.runtime.internal;

import dev.kumo.core.FunctionVersion;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Concurrency limits checked before any work is done: one for the node, one per function version
 * ({@code FunctionConfig.maxInFlight()}). Both are non-blocking: a full limit rejects at once, because a
 * queue in front of a saturated node only turns overload into latency for everyone.
 */
public final class Admission {

    private final int nodeLimit;
    private final Semaphore node;
    private final ConcurrentHashMap<String, Permits> versions = new ConcurrentHashMap<>();

    /** A version's permits, remembering how many there are. */
    private static final class Permits extends Semaphore {

        private final int max;

        Permits(int max) {
            super(max);
            this.max = max;
        }
    }

    /** Creates the limits with {@code nodeLimit} invocations in flight on the node. */
    public Admission(int nodeLimit) {
        this.nodeLimit = nodeLimit;
        this.node = new Semaphore(nodeLimit);
    }

    /** Takes a node permit; false when the node is at its limit. */
    public boolean tryEnterNode() {
        return node.tryAcquire();
    }

    /** Gives back a node permit. */
    public void exitNode() {
        node.release();
    }

    /** The permits of {@code version}; take one with {@code tryAcquire}, give it back with {@code release}. */
    public Semaphore version(FunctionVersion version) {
        Permits permits = versions.get(version.instanceKey());
        return permits != null ? permits
                : versions.computeIfAbsent(version.instanceKey(), k -> new Permits(version.config().maxInFlight()));
    }

    /** Invocations in flight on the node. */
    public int inFlight() {
        return nodeLimit - node.availablePermits();
    }

    /** Forgets the per-version limits of {@code function} that have nothing in flight (after a redeploy). */
    public void forget(String function) {
        String prefix = function + ":";
        versions.entrySet().removeIf(e -> e.getKey().startsWith(prefix)
                && e.getValue().availablePermits() == e.getValue().max);
    }
}
