package dev.kumo.client;

import java.util.Objects;

/**
 * What a deploy or {@code putFunction} left behind.
 *
 * @param function the function's {@code $LATEST} after the change
 * @param created  true when the function did not exist before (HTTP 201), false for an update (200)
 */
public record DeployResult(FunctionInfo function, boolean created) {

    /** Rejects nulls. */
    public DeployResult {
        Objects.requireNonNull(function, "function");
    }
}
