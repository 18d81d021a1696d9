package dev.kumo.function;

import java.util.ArrayList;
import java.util.List;

/**
 * A journaled call started by {@link OrchestrationContext#callAsync}.
 *
 * @param <T> output type
 */
public interface Task<T> {

    /**
     * The call's output; when it has not completed, the orchestrator is suspended here and replayed once it
     * has.
     *
     * @throws InvocationException when the call failed
     */
    T get();

    /** The outputs of {@code tasks}, in order (waits for all of them). */
    static <T> List<T> all(List<? extends Task<? extends T>> tasks) {
        var out = new ArrayList<T>(tasks.size());
        for (var t : tasks) {
            out.add(t.get());
        }
        return out;
    }
}
