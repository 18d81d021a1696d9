package dev.kumo.process.worker;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.List;

/**
 * The function the AOT training run serves: it maps a record in and out and logs, like a typical handler, so
 * the cache holds what such a function needs (JSON mapping of records, the logger, the context).
 */
public final class TrainingHandler implements Handler<TrainingHandler.Input, TrainingHandler.Output> {

    /** The request. */
    public record Input(String name, List<Integer> numbers) {
    }

    /** The response. */
    public record Output(String message, int sum) {
    }

    @Override
    public Output handle(Input input, Context ctx) {
        ctx.logger().info("training " + input.name());
        int sum = input.numbers() == null ? 0 : input.numbers().stream().mapToInt(Integer::intValue).sum();
        return new Output("Hello, " + input.name() + "!", sum);
    }
}
