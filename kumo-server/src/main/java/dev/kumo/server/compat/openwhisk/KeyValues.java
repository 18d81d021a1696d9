package dev.kumo.server.compat.openwhisk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenWhisk's {@code [{"key":...,"value":...}]} arrays (parameters, annotations), kept as JSON text. */
final class KeyValues {

    private KeyValues() {
    }

    /** The array under {@code field} as JSON text, when the body has it; a 400 for another shape. */
    static Optional<String> of(JsonMapper mapper, JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        boolean ok = v.isArray();
        for (var kv : v) {
            ok &= kv.isObject() && kv.path("key").isString();
        }
        if (!ok) {
            throw WhiskException.badRequest(field + " must be an array of {\"key\":...,\"value\":...}.");
        }
        return Optional.of(mapper.writeValueAsString(v));
    }

    /** Stored JSON text as a map from key to value, in order. */
    static Map<String, JsonNode> map(JsonMapper mapper, String json) {
        var map = new LinkedHashMap<String, JsonNode>();
        mapper.readTree(json).forEach(p -> map.put(p.path("key").asString(), p.path("value")));
        return map;
    }
}
