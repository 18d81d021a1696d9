package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Returns its input unchanged (any JSON value). */
public final class Echo implements Handler<Object, Object> {

    @Override
    public Object handle(Object input, Context ctx) {
        return input;
    }
}
