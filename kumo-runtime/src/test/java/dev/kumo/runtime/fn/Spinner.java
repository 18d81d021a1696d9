package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Burns CPU for the given number of milliseconds without ever looking at its interrupt flag. */
public class Spinner implements Handler<Long, String> {

    @Override
    public String handle(Long millis, Context ctx) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return "spun";
    }
}
