package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.List;
import java.util.Map;

/**
 * The fan-in of the {@code fanout-sum} workflow: adds an array of numbers, or of {@code {"square": x}}
 * objects: {@code [0,1,4]} -> {@code {"sum":5}}.
 */
public final class Sum implements Handler<List<Object>, Map<String, Long>> {

    @Override
    public Map<String, Long> handle(List<Object> input, Context ctx) {
        long sum = 0;
        for (var value : input == null ? List.of() : input) {
            Object number = value instanceof Map<?, ?> m ? m.get("square") : value;
            if (!(number instanceof Number n)) {
                throw new IllegalArgumentException("expected numbers or {\"square\": x}, got " + value);
            }
            sum += n.longValue();
        }
        return Map.of("sum", sum);
    }
}
