package dev.kumo.client;

import dev.kumo.client.internal.Encoder;
import dev.kumo.client.internal.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An activation and the calls to other functions it made ({@code ctx.invoke}), recursively: the body of
 * {@code GET /v1/activations/{id}/tree}. Logs and results are left out; read them per activation.
 *
 * @param activationId activation id
 * @param function     function name
 * @param version      version that ran
 * @param status       outcome
 * @param coldStart    whether the invocation created its instance
 * @param start        when the request was admitted
 * @param durationMs   handler run time
 * @param parentId     the caller's activation id; empty for the root of a chain
 * @param errorType    the error type, for failures
 * @param errorMessage the error message, for failures
 * @param children     the calls this activation made, oldest first
 */
public record ActivationTree(String activationId, String function, String version, ActivationStatus status,
                             boolean coldStart, Instant start, double durationMs, Optional<String> parentId,
                             Optional<String> errorType, Optional<String> errorMessage,
                             List<ActivationTree> children) {

    /** Copies the list and rejects nulls. */
    public ActivationTree {
        Objects.requireNonNull(activationId, "activationId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
        children = List.copyOf(children);
    }

    /** This tree in the API's JSON form, pretty-printed. */
    public String toJson() {
        return Wire.pretty(Encoder.toJson(this));
    }

    /** Activations in this tree, this one included. */
    public int size() {
        int size = 1;
        for (var child : children) {
            size += child.size();
        }
        return size;
    }
}
