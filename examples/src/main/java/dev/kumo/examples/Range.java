package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The first step of the {@code fanout-sum} workflow: {@code {"n":4}} -> {@code {"items":[0,1,2,3]}}, for n
 * from 0 to 10,000.
 */
public final class Range implements Handler<Range.Input, Map<String, List<Long>>> {

    /** The request. */
    public record Input(long n) {
    }

    @Override
    public Map<String, List<Long>> handle(Input input, Context ctx) {
        long n = input == null ? 0 : input.n();
        if (n < 0 || n > 10_000) {
            throw new IllegalArgumentException("n must be between 0 and 10000, got " + n);
        }
        return Map.of("items", LongStream.range(0, n).boxed().toList());
    }
}
