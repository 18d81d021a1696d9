package dev.kumo.core.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of a workflow, as stored.
 *
 * @param id         run id
 * @param workflow   workflow name
 * @param definition the definition JSON the run started with (a later PUT does not change a running run)
 * @param input      input JSON
 * @param status     where the run stands
 * @param output     output JSON once succeeded
 * @param error      error JSON once failed
 * @param started    when it started
 * @param ended      when it ended
 */
public record WorkflowRun(String id, String workflow, String definition, String input, RunStatus status,
                          Optional<String> output, Optional<String> error, Instant started,
                          Optional<Instant> ended) {

    /** Checks that nothing is null. */
    public WorkflowRun {
        if (id == null || workflow == null || definition == null || input == null || status == null
                || output == null || error == null || started == null || ended == null) {
            throw new IllegalArgumentException("every field of a workflow run is required");
        }
    }

    /** A new running run. */
    public static WorkflowRun start(String id, String workflow, String definition, String input, Instant started) {
        return new WorkflowRun(id, workflow, definition, input, RunStatus.RUNNING, Optional.empty(),
                Optional.empty(), started, Optional.empty());
    }

    /** This run ended with {@code status} and {@code result} (output or error JSON). */
    public WorkflowRun finish(RunStatus status, String result, Instant at) {
        boolean ok = status == RunStatus.SUCCEEDED;
        return new WorkflowRun(id, workflow, definition, input, status, ok ? Optional.of(result) : Optional.empty(),
                ok ? Optional.empty() : Optional.of(result), started, Optional.of(at));
    }
}
