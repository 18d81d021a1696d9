package dev.kumo.function;

/**
 * A durable orchestration written as ordinary Java. Kumo runs {@link #run} again from the start each time the
 * orchestration resumes (replay): every {@link OrchestrationContext} call is a numbered step whose recorded
 * result is returned on replay instead of being executed again, so the code must be deterministic: no clocks,
 * randomness, I/O or threads outside the context, and the same sequence of context calls for the same
 * recorded results. Deploy the class as the handler of an ordinary function.
 *
 * @param <I> input type, mapped from JSON like a {@link Handler}'s
 * @param <O> output type, mapped to JSON
 */
@FunctionalInterface
public interface Orchestrator<I, O> {

    /** The orchestration's code; throwing fails the run with the exception's type and message. */
    O run(I input, OrchestrationContext ctx) throws Exception;
}
