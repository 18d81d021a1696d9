package dev.kumo.store.internal;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns stored records into JSON and back. Jackson 3 handles records, {@code Optional} and
 * {@code java.time} without extra modules and writes instants as ISO-8601 strings. Unknown properties are
 * ignored so that a store written by a newer Kumo still opens in an older one.
 */
public final class JsonCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Serializes {@code value}. */
    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    /** Deserializes {@code json} as {@code type}. */
    public <T> T read(String json, Class<T> type) {
        return mapper.readValue(json, type);
    }
}
