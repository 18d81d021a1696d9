package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Sums {@code i * i} for {@code i} in {@code 0..n-1} by calling the {@code square} function once per number
 * with {@code ctx.invokeAsync}: {@code {"n":100}} -> {@code {"n":100,"sum":328350}}. Each call is an
 * activation of its own whose parent is this one ({@code GET /v1/activations/{id}/tree}).
 *
 * <p>At most {@link #WINDOW} calls are in flight at once: the node refuses an activation's calls past its
 * fan-out bound (64 by default), so a wide fan-out joins its oldest call before starting another.
 */
public final class SumOfSquares implements Handler<SumOfSquares.Input, SumOfSquares.Output> {

    /** Calls kept in flight at once. */
    static final int WINDOW = 32;

    /** The request. */
    public record Input(int n) {
    }

    /** The response. */
    public record Output(int n, long sum) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        int n = input == null ? 0 : input.n();
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        var inFlight = new ArrayDeque<CompletableFuture<Long>>();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (inFlight.size() == WINDOW) {
                sum += inFlight.removeFirst().join();
            }
            inFlight.addLast(ctx.invokeAsync("square", new Square.Input(i), Long.class));
        }
        while (!inFlight.isEmpty()) {
            sum += inFlight.removeFirst().join();
        }
        return new Output(n, sum);
    }
}
