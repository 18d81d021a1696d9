package dev.kumo.spi.executor;

import dev.kumo.core.ActivationId;
import dev.kumo.core.Tier;
import java.time.Instant;

/**
 * Runs functions of one {@link Tier}. Implementations are thread-safe: the pool starts instances of many
 * functions concurrently, outside any lock.
 */
public interface FunctionExecutor {

    /** The tier this executor serves. */
    Tier tier();

    /**
     * Creates and initializes one instance: the cold start. Loads the code, creates the handler and runs its
     * one-time initialization with a context that belongs to the {@code trigger} activation (its log lines are
     * returned in the outcome). Returns by {@code deadline} at the latest.
     *
     * @param spec     what to start
     * @param trigger  the activation that caused the cold start
     * @param deadline when initialization is abandoned and {@link StartResult.TimedOut} answered
     */
    StartResult start(InstanceSpec spec, ActivationId trigger, Instant deadline);
}
