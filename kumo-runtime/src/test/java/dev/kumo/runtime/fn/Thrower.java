package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Always throws. */
public class Thrower implements Handler<Object, Object> {

    @Override
    public Object handle(Object input, Context ctx) {
        System.out.println("about to fail");
        throw new IllegalStateException("boom");
    }
}
