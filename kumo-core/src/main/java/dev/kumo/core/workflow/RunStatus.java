package dev.kumo.core.workflow;

/** Where a workflow run stands. */
public enum RunStatus {
    /** Steps are still running (or will resume after a restart). */
    RUNNING,
    /** The last step ended; the run has an output. */
    SUCCEEDED,
    /** A step failed after its retries; the run has an error. */
    FAILED;

    /** Lower-case name, as the HTTP API writes it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
