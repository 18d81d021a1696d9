package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Squares {@code input.x}: {@code {"x":7}} -> {@code 49}. Called by {@link SumOfSquares}. */
public final class Square implements Handler<Square.Input, Long> {

    /** The request. */
    public record Input(long x) {
    }

    @Override
    public Long handle(Input input, Context ctx) {
        long x = input == null ? 0 : input.x();
        return x * x;
    }
}
