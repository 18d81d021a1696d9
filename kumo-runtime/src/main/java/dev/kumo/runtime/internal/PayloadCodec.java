package dev.kumo.runtime.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps request bytes to a handler's input type and its output back to JSON bytes, with a reader built once
 * per instance (at the cold start), so the warm path does no type lookup.
 *
 * <p>Rules: an empty (or all-whitespace) body is {@code null}; input type {@code byte[]} receives the raw
 * body; input type {@code Object} receives the generic tree ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}); output {@code byte[]} is returned as-is and must itself be JSON; output
 * {@code String} becomes a JSON string; {@code null} becomes {@code null}.
 */
final class PayloadCodec {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final JavaType type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final boolean raw;

    PayloadCodec(JsonMapper mapper, JavaType type) {
        this.type = type;
        this.raw = type.hasRawClass(byte[].class);
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writer();
    }

    /** The input for {@code payload}; throws {@link InvalidInputException} when it does not fit the type. */
    Object read(byte[] payload) {
        if (raw) {
            return payload;
        }
        if (isBlank(payload)) {
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
            return bytes;
        }
        return writer.writeValueAsBytes(output);
    }

    private static boolean isBlank(byte[] payload) {
        for (byte b : payload) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
