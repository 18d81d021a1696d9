package dev.kumo.runtime.internal;

import com.google.gson.JsonElement;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps request bytes to a handler's input type and its output back to JSON bytes, with a reader built once
 * per instance (at the cold start), so the warm path does no type lookup.
 *
 * <p>Rules: an empty (or all-whitespace) body is {@code null} (invalid input for a primitive type); input type
 * {@code byte[]} receives the raw body; input type {@code Object} receives the generic tree ({@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}); output {@code byte[]} is returned as-is once
 * checked to be one JSON value (else the invocation fails with {@code InvalidOutput}); output {@code String}
 * becomes a JSON string; {@code null} becomes {@code null}. Gson trees ({@code JsonObject} and the other
 * {@code JsonElement} types) are read and written with Gson, see {@link GsonPayload}.
 */
final class PayloadCodec {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final JavaType type;
    private final JsonMapper mapper;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final boolean raw;
    private final boolean tree;

    PayloadCodec(JsonMapper mapper, JavaType type) {
        this.type = type;
        this.mapper = mapper;
        this.raw = type.hasRawClass(byte[].class);
        this.tree = GsonPayload.isTree(type.getRawClass());
        this.reader = tree ? null : mapper.readerFor(type);
        this.writer = mapper.writer();
    }

    /** The input for {@code payload}; throws {@link InvalidInputException} when it does not fit the type. */
    Object read(byte[] payload) {
        if (raw) {
            return payload;
        }
        if (tree) {
            return GsonPayload.read(payload, type.getRawClass());
        }
        if (isBlank(payload)) {
            if (type.isPrimitive()) {
                throw new InvalidInputException("cannot map an empty request body to " + type.getRawClass(), null);
            }
            return null;
        }
        try {
            return reader.readValue(payload);
        } catch (JacksonException e) {
            throw new InvalidInputException("cannot map the request body to " + type.getRawClass().getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON bytes for {@code output}. */
    byte[] write(Object output) {
        if (output == null) {
            return NULL.clone();
        }
        if (output instanceof byte[] bytes) {
            return requireJson(mapper, bytes);
        }
        if (output instanceof JsonElement element) {
            return GsonPayload.write(element);
        }
        return writer.writeValueAsBytes(output);
    }

    /** {@code value} as JSON bytes by the rules of {@link #write}: how a call's input becomes a payload. */
    static byte[] toJson(JsonMapper mapper, Object value) {
        if (value == null) {
            return NULL.clone();
        }
        if (value instanceof byte[] bytes) {
            return requireJson(mapper, bytes);
        }
        if (value instanceof JsonElement element) {
            return GsonPayload.write(element);
        }
        return mapper.writeValueAsBytes(value);
    }

    /**
     * A function's JSON output mapped to {@code type}: {@code Void} ignores it, {@code byte[]} gets the bytes
     * as-is, {@code String} gets a JSON string's text (or the JSON itself when it is not a string).
     *
     * @throws InvalidOutputException when the output does not fit the type
     */
    @SuppressWarnings("unchecked")
    static <O> O fromJson(JsonMapper mapper, byte[] json, Class<O> type) {
        if (type == Void.class || type == void.class) {
            return null;
        }
        if (type == byte[].class) {
            return (O) json;
        }
        try {
            if (type == String.class) {
                var tree = mapper.readTree(json);
                return (O) (tree.isString() ? tree.stringValue() : tree.isNull() ? null : tree.toString());
            }
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new InvalidOutputException("cannot map the output to " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /**
     * Returns {@code bytes} when they hold exactly one JSON value; otherwise throws
     * {@link InvalidOutputException}. A streaming skip: no tree is built.
     */
    static byte[] requireJson(JsonMapper mapper, byte[] bytes) {
        try (var parser = mapper.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new InvalidOutputException("the function returned no bytes; raw output must be one JSON value");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new InvalidOutputException("raw function output must be one JSON value, found more after it");
            }
            return bytes;
        } catch (JacksonException e) {
            throw new InvalidOutputException("raw function output is not JSON: " + e.getOriginalMessage());
        }
    }

    static boolean isBlank(byte[] payload) {
        for (byte b : payload) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
