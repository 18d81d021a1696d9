package dev.kumo.runtime.internal;

import dev.kumo.core.ErrorInfo;
import dev.kumo.core.RejectReason;
import java.util.List;

/** What asking the pool for an instance led to. */
sealed interface Acquisition {

    /**
     * A slot on an instance, to be given back with {@link InstancePool#release} or
     * {@link InstancePool#releaseAfterTimeout}.
     *
     * @param coldStart whether this invocation started the instance
     * @param initNanos time this invocation spent starting it, 0 when warm
     * @param initLogs  lines written while starting it, empty when warm
     */
    record Leased(PooledInstance slot, boolean coldStart, long initNanos, List<String> initLogs)
            implements Acquisition {
    }

    /** No instance could be had: the version is at its instance limit or the node is out of memory. */
    record Rejected(RejectReason reason, String message) implements Acquisition {
    }

    /** The instance this invocation needed failed to start. */
    record StartFailed(boolean coldStart, ErrorInfo error, long initNanos, List<String> logs)
            implements Acquisition {
    }

    /** The instance this invocation needed did not finish starting before its deadline. */
    record StartTimedOut(boolean coldStart, long initNanos, List<String> logs) implements Acquisition {
    }
}
