package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.Map;

/**
 * The last step of {@link Approval}, deployed twice: as {@code grant-request} and as {@code reject-request}
 * (it reports which function it ran as).
 */
public final class Decide implements Handler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handle(Map<String, Object> input, Context ctx) {
        var request = input == null ? Map.of() : input.getOrDefault("request", Map.of());
        return Map.of("action", ctx.functionName(), "request", request,
                "by", input == null ? "" : String.valueOf(input.get("by")));
    }
}
