package dev.kumo.function;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The journaled operations of an {@link Orchestrator}. Each call is step {@code k} of the run; when the
 * run's journal already holds step {@code k}, its recorded result is returned, and when it does not, the
 * step is scheduled and the orchestrator's thread is unwound until the step completes (nothing waits in
 * memory meanwhile, so a run can wait for hours). Asking for another kind or function than the journal holds
 * at {@code k} fails the run with error type {@code NonDeterminism}.
 */
public interface OrchestrationContext {

    /** Id of the run, the same across every replay. */
    String runId();

    /**
     * Calls {@code function} ({@code name} or {@code name:qualifier}) with {@code input} and returns its
     * output mapped to {@code type}.
     *
     * @throws InvocationException when the call failed (recorded: a replay throws it again)
     */
    <T> T call(String function, Object input, Class<T> type);

    /** Starts a call without waiting, so that several run in parallel; see {@link Task#get()}. */
    <T> Task<T> callAsync(String function, Object input, Class<T> type);

    /** Suspends the run for {@code duration}, measured from the journaled time it was first reached. */
    void sleep(Duration duration);

    /**
     * Waits for the external event {@code name} ({@code POST /v1/workflow-runs/{id}/events/{name}}) and
     * returns its JSON body mapped to {@code type}.
     */
    <T> T waitForEvent(String name, Class<T> type);

    /** As {@link #waitForEvent(String, Class)}, but empty once {@code timeout} passed without the event. */
    <T> Optional<T> waitForEvent(String name, Class<T> type, Duration timeout);

    /** The time, journaled when first reached: the same on every replay. */
    Instant now();
}
