package dev.kumo.runtime.fn;

import dev.kumo.function.OrchestrationContext;
import dev.kumo.function.Orchestrator;

/** An orchestrator for tests: calls {@code double} with the input, then returns the output plus one. */
public final class Steps implements Orchestrator<Integer, Integer> {

    @Override
    public Integer run(Integer input, OrchestrationContext ctx) {
        return ctx.call("double", input, Integer.class) + 1;
    }
}
