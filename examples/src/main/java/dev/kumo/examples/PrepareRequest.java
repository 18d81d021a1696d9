package dev.kumo.examples;

import dev.kumo.function.Context;
import dev.kumo.function.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Step of {@link Approval}: turns the input into a request to approve, {@code {"item","amount","ref"}}. */
public final class PrepareRequest implements Handler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handle(Map<String, Object> input, Context ctx) {
        var out = new LinkedHashMap<String, Object>(input == null ? Map.of() : input);
        out.putIfAbsent("item", "unnamed");
        out.put("ref", "req-" + ctx.activationId());
        return out;
    }
}
