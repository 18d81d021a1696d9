package dev.kumo.examples;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/**
 * An AWS Lambda Java handler in the POJO style: no interface, just a public method that Kumo finds by the
 * handler {@code dev.kumo.examples.PojoGreeter::handleRequest}, as Lambda does. The input map is decoded from
 * the request's JSON, the returned map is encoded as the response.
 */
public class PojoGreeter {

    /** Greets {@code input.name}. */
    public Map<String, String> handleRequest(Map<String, String> input, Context context) {
        String name = input == null || input.get("name") == null ? "world" : input.get("name");
        context.getLogger().log("greeting " + name);
        return Map.of("greeting", "Hello, " + name + "!", "function", context.getFunctionName());
    }
}
