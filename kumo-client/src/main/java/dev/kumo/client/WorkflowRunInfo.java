package dev.kumo.client;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow run with the state of each step.
 *
 * @param runId    run id
 * @param workflow workflow name
 * @param status   {@code running}, {@code succeeded} or {@code failed}
 * @param input    input JSON
 * @param output   output JSON once succeeded
 * @param error    error JSON once failed
 * @param started  start time
 * @param ended    end time
 * @param steps    step key to its state as JSON ({@code status}, {@code attempts}, {@code startedAt}, ...)
 */
public record WorkflowRunInfo(String runId, String workflow, String status, String input, Optional<String> output,
                              Optional<String> error, Instant started, Optional<Instant> ended,
                              Map<String, String> steps) {

    /** Rejects nulls and copies the steps. */
    public WorkflowRunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(started, "started");
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    }
}
