package dev.kumo.runtime.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Payloads as Gson trees, for handlers whose input or output is a {@link JsonElement}: OpenWhisk Java actions
 * ({@code static JsonObject main(JsonObject)}) and any other style that declares Gson types. Gson is the
 * runtime's own (function class loaders delegate {@code com.google.gson.} to it), so the action's
 * {@code JsonObject} is the class used here. Parsing is strict JSON, one value per body.
 *
 * <p>An empty body or {@code null} gives an empty {@link JsonObject} to a {@code JsonObject} parameter, as an
 * OpenWhisk action invoked without parameters receives {@code {}}; any other body that is not of the declared
 * tree type (an array for a {@code JsonObject}) is invalid input.
 */
final class GsonPayload {

    private static final TypeAdapter<JsonElement> TREES = new Gson().getAdapter(JsonElement.class);
    private static final Gson WRITER = new GsonBuilder().serializeNulls().disableHtmlEscaping()
            .setStrictness(Strictness.STRICT).create();

    private GsonPayload() {
    }

    /** Whether {@code type} is a Gson tree type. */
    static boolean isTree(Class<?> type) {
        return JsonElement.class.isAssignableFrom(type);
    }

    /**
     * The payload as a tree of {@code type}.
     *
     * @throws InvalidInputException when it is not JSON or not of that type
     */
    static JsonElement read(byte[] payload, Class<?> type) {
        if (PayloadCodec.isBlank(payload)) {
            return type == JsonObject.class ? new JsonObject() : null;
        }
        JsonElement tree;
        try (var reader = new JsonReader(new InputStreamReader(new ByteArrayInputStream(payload),
                StandardCharsets.UTF_8))) {
            reader.setStrictness(Strictness.STRICT);
            tree = TREES.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidInputException("cannot map the request body to " + type.getSimpleName()
                        + ": more than one JSON value", null);
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new InvalidInputException("cannot map the request body to " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        if (tree.isJsonNull() && !type.isInstance(tree)) {
            return type == JsonObject.class ? new JsonObject() : null;
        }
        if (!type.isInstance(tree)) {
            throw new InvalidInputException("cannot map the request body to " + type.getSimpleName()
                    + ": found a JSON " + kind(tree), null);
        }
        return tree;
    }

    /**
     * The tree as JSON bytes, {@code null} members kept, no HTML escaping.
     *
     * @throws InvalidOutputException when it holds a number JSON cannot express (NaN, an infinity)
     */
    static byte[] write(JsonElement tree) {
        try {
            return WRITER.toJson(tree).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidOutputException("the output is not JSON: " + e.getMessage());
        }
    }

    private static String kind(JsonElement tree) {
        if (tree.isJsonObject()) {
            return "object";
        }
        if (tree.isJsonArray()) {
            return "array";
        }
        return tree.isJsonNull() ? "null" : "primitive";
    }
}
