package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.Map;

/** Always throws, to show how a function error reaches the caller (HTTP 502) and the activation. */
public final class Fail implements Handler<Map<String, Object>, Object> {

    @Override
    public Object handle(Map<String, Object> input, Context ctx) {
        Object message = input == null ? null : input.get("message");
        System.err.println("about to fail");
        throw new IllegalStateException(message == null ? "this function always fails" : message.toString());
    }
}
