package dev.kumo.workflow;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;

/**
 * How workflow steps reach functions; the server implements it with the node's dispatcher, tests with a
 * fake. Both methods may block; they are called on virtual threads.
 */
public interface StepInvoker {

    /** Runs one try of a step; what the function did is the result, never an exception. */
    InvocationResult invoke(InvocationRequest request);

    /**
     * The version {@code qualifier} of {@code function} names now.
     *
     * @throws dev.kumo.core.NotFoundException when the function, version or alias does not exist
     */
    FunctionVersion resolve(String function, String qualifier);
}
