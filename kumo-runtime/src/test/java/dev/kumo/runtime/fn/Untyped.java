package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.List;

/** A raw {@link Handler}: receives the generic JSON tree, answers the Java type it got and a null output for null. */
@SuppressWarnings("rawtypes")
public class Untyped implements Handler {

    @Override
    public Object handle(Object input, Context ctx) {
        return input == null ? null : List.of(input.getClass().getName(), input);
    }
}
