package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** The smallest handler: answers {@code "hello"}. */
public class Hello implements Handler<Object, String> {

    @Override
    public String handle(Object input, Context ctx) {
        return "hello";
    }
}
