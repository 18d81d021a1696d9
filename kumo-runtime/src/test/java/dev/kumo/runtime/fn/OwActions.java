package dev.kumo.runtime.fn;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.kumo.function.Context;
import dev.kumo.function.Handler;

/** OpenWhisk Java actions ({@code public static JsonObject main(JsonObject)}) and other Gson users. */
public final class OwActions {

    private OwActions() {
    }

    /** An OpenWhisk action: greets {@code name}, says which Gson class it got. */
    public static class Hello {

        /** The action. */
        public static JsonObject main(JsonObject args) {
            var out = new JsonObject();
            String name = args.has("name") ? args.get("name").getAsString() : "stranger";
            out.addProperty("greeting", "Hello " + name + "!");
            out.addProperty("loader", String.valueOf(JsonObject.class.getClassLoader() == Object.class
                    .getClassLoader() ? "boot" : JsonObject.class.getClassLoader().getName()));
            out.add("nothing", com.google.gson.JsonNull.INSTANCE);
            return out;
        }
    }

    /** An action answering a number JSON cannot hold. */
    public static class NotANumber {

        /** The action. */
        public static JsonObject main(JsonObject args) {
            var out = new JsonObject();
            out.addProperty("html", "<a href='x'>&</a>");
            out.addProperty("ratio", args.has("nan") ? Double.NaN : 0.5);
            return out;
        }
    }

    /** A Kumo handler over Gson trees. */
    public static class Sizes implements Handler<JsonArray, JsonObject> {

        @Override
        public JsonObject handle(JsonArray input, Context ctx) {
            var out = new JsonObject();
            out.addProperty("size", input == null ? -1 : input.size());
            return out;
        }
    }

    /** A main that is not static: not an OpenWhisk action. */
    public static class InstanceMain {

        /** Not static. */
        public JsonObject main(JsonObject args) {
            return args;
        }
    }
}
