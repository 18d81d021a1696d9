package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** Greets {@code input.name}: {@code {"name":"Ada"}} -> {@code {"message":"Hello, Ada!"}}. */
public final class Hello implements Handler<Hello.Input, Hello.Output> {

    /** The request. */
    public record Input(String name) {
    }

    /** The response. */
    public record Output(String message) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        String name = input == null || input.name() == null || input.name().isBlank() ? "world" : input.name();
        ctx.logger().info("greeting " + name);
        return new Output("Hello, " + name + "!");
    }
}
