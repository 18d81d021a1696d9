package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Sleeps {@code input.ms} milliseconds: {@code {"ms":250}} -> {@code {"sleptMs":250}}. */
public final class Sleep implements Handler<Sleep.Input, Sleep.Output> {

    /** The request. */
    public record Input(long ms) {
    }

    /** The response. */
    public record Output(long sleptMs) {
    }

    @Override
    public Output handle(Input input, Context ctx) throws InterruptedException {
        long ms = input == null ? 0 : Math.max(0, input.ms());
        Thread.sleep(ms);
        return new Output(ms);
    }
}
