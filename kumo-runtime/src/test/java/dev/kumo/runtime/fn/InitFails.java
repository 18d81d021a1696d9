package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Its {@code init} throws, so no instance of it ever starts. */
public class InitFails implements Handler<Object, Object> {

    @Override
    public void init(Context ctx) {
        System.out.println("init starting");
        throw new IllegalArgumentException("missing configuration");
    }

    @Override
    public Object handle(Object input, Context ctx) {
        return "unreachable";
    }
}
