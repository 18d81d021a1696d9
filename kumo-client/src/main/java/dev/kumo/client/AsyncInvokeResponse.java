package dev.kumo.client;

import java.util.Objects;

/**
 * The answer to an asynchronous invocation: the server stored it durably (HTTP 202) and will run it.
 *
 * @param activationId the invocation's activation id; follow it with {@link KumoClient#getActivation(String)}
 * @param replay       true when the idempotency key named an earlier invocation, whose id this is; nothing new
 *                     was queued
 */
public record AsyncInvokeResponse(String activationId, boolean replay) {

    /** Rejects nulls. */
    public AsyncInvokeResponse {
        Objects.requireNonNull(activationId, "activationId");
    }
}
