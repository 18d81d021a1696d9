package dev.kumo.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to starting a workflow run.
 *
 * @param runId  run id
 * @param status {@code running}, {@code succeeded} or {@code failed}; {@code running} for an asynchronous start
 * @param output the output JSON once succeeded
 * @param error  the error JSON ({@code type}, {@code message}, {@code step}) once failed
 */
public record WorkflowRunResult(String runId, String status, Optional<String> output, Optional<String> error) {

    /** Rejects nulls. */
    public WorkflowRunResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
    }
}
