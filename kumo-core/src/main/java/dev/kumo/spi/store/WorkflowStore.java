package dev.kumo.spi.store;

import dev.kumo.core.workflow.JoinState;
import dev.kumo.core.workflow.RunStatus;
import dev.kumo.core.workflow.WorkflowDefinition;
import dev.kumo.core.workflow.WorkflowRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workflow definitions and the progress of their runs. Every write is durable when it returns and atomic:
 * a run resumes after a crash from exactly what these calls stored. Step states and results are opaque
 * JSON text to the store.
 */
public interface WorkflowStore {

    /** Definitions by name. */
    NamedRegistry<WorkflowDefinition> definitions();

    /** Stores a new run. */
    void createRun(WorkflowRun run);

    /** A run by id. */
    Optional<WorkflowRun> run(String runId);

    /** Runs of {@code workflow}, newest first, at most {@code limit}. */
    List<WorkflowRun> runs(String workflow, int limit);

    /** Every run still {@link RunStatus#RUNNING}, for recovery at start. */
    List<WorkflowRun> unfinished();

    /**
     * Ends a running run with {@code status} and its output or error JSON; false (and nothing stored) when
     * it had already ended or does not exist.
     */
    boolean finishRun(String runId, RunStatus status, String result, java.time.Instant ended);

    /** Stores the state of one step (or map element) {@code stepKey} of a run, replacing the previous one. */
    void putStep(String runId, String stepKey, String state);

    /**
     * Stores several step states of a run in one atomic change (an orchestration journals the steps one slice
     * added together: a crash keeps all of them or none).
     */
    void putSteps(String runId, Map<String, String> states);

    /** Every step state of a run, by step key, in key order. */
    Map<String, String> steps(String runId);

    /**
     * Opens the join {@code joinKey} of a run expecting {@code count} arrivals, or returns it as it stands when
     * it is already open (a run resuming after a restart).
     */
    JoinState openJoin(String runId, String joinKey, int count);

    /**
     * Records the result of arrival {@code index} and decrements the join's remaining count, in one atomic
     * change. Returns the count left after it, or -1 when {@code index} had already arrived (nothing changes).
     * The caller that gets 0 continues the workflow.
     */
    int joinArrived(String runId, String joinKey, int index, String result);

    /** The join as it stands. */
    Optional<JoinState> join(String runId, String joinKey);

    /** Stores a large result once under {@code id}. */
    void putBlob(String id, byte[] content);

    /** A stored large result. */
    Optional<byte[]> blob(String id);

    /**
     * The result stored for a memoized call under {@code key} (a hash of the function version and its input),
     * when one was stored.
     */
    Optional<byte[]> memo(String key);

    /** Stores the result of a memoized call under {@code key}; a later call with the same key reuses it. */
    void putMemo(String key, byte[] result);
}
