package dev.kumo.runtime.fn;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.UUID;

/** A Kumo handler with record input and output that counts its {@code init} calls. */
public class Greeter implements Handler<Greeter.Input, Greeter.Output> {

    /** Input. */
    public record Input(String name, int times) {
    }

    /** Output: the greeting, this instance's id and how often its init ran. */
    public record Output(String greeting, String instance, int inits, String env) {
    }

    private final String instance = UUID.randomUUID().toString();
    private int inits;

    @Override
    public void init(Context ctx) {
        inits++;
        ctx.logger().info("init " + instance);
    }

    @Override
    public Output handle(Input input, Context ctx) {
        String name = input == null ? "nobody" : input.name();
        return new Output("hello " + name, instance, inits, ctx.env().getOrDefault("GREETING", ""));
    }
}
