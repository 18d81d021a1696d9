package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Sets its own thread's interrupt flag and returns, as careless code that swallows an interrupt does. */
public class SelfInterrupter implements Handler<Object, String> {

    @Override
    public String handle(Object input, Context ctx) {
        Thread.currentThread().interrupt();
        return "interrupted myself";
    }
}
