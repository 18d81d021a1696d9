package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/**
 * Writes {@code input.lines} lines tagged {@code input.tag} to {@code System.out} and to the context logger,
 * then returns how many it wrote; shows that each activation gets exactly its own log lines.
 */
public final class Print implements Handler<Print.Input, Print.Output> {

    /** The request. */
    public record Input(String tag, int lines) {
    }

    /** The response. */
    public record Output(String tag, int printed) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        String tag = input == null || input.tag() == null ? "untagged" : input.tag();
        int lines = input == null ? 1 : Math.max(0, Math.min(input.lines(), 10_000));
        for (int i = 0; i < lines; i++) {
            System.out.println(tag + " stdout " + i);
            Thread.yield();
            ctx.logger().info(tag + " logger " + i);
        }
        return new Output(tag, lines);
    }
}
