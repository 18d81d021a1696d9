package dev.kumo.examples;

import com.google.gson.JsonObject;

/**
 * An unchanged Apache OpenWhisk Java action: a class with {@code public static JsonObject main(JsonObject)},
 * deployed with the class as handler (or {@code dev.kumo.examples.OwHello::main}). Gson is provided by the
 * runtime, so the jar need not bundle it; invoked without parameters the action receives an empty object.
 */
public class OwHello {

    /** Greets {@code args.name}. */
    public static JsonObject main(JsonObject args) {
        String name = args.has("name") ? args.get("name").getAsString() : "stranger";
        var response = new JsonObject();
        response.addProperty("greeting", "Hello " + name + "!");
        return response;
    }
}
