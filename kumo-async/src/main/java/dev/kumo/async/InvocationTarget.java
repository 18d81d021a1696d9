package dev.kumo.async;

import dev.kumo.core.FunctionVersion;
import dev.kumo.core.InvocationRequest;
import dev.kumo.core.InvocationResult;
import java.util.function.Consumer;

/** What runs the attempts: the node's dispatcher ({@code Dispatcher::resolve}, {@code Dispatcher::invoke}). */
public interface InvocationTarget {

    /**
     * The version {@code qualifier} of {@code function} names now.
     *
     * @throws dev.kumo.core.NotFoundException when the function, version or alias does not exist
     */
    FunctionVersion resolve(String function, String qualifier);

    /** Runs one attempt synchronously; {@code early} gets a timeout at the deadline (see the dispatcher). */
    InvocationResult invoke(InvocationRequest request, Consumer<InvocationResult> early);
}
