package dev.kumo.workflow.internal;

import dev.kumo.spi.store.WorkflowStore;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Stores step results by value or, past {@link #INLINE_LIMIT}, by reference: the JSON is written once as a
 * blob and every later record (step state, join arrival) holds {@code @} and the blob id, which the consumer
 * reads. JSON text never starts with {@code @}, so the two forms cannot be confused.
 */
final class Payloads {

    /** Results larger than this (bytes of JSON) are passed by reference. */
    static final int INLINE_LIMIT = 64 * 1024;

    private final WorkflowStore store;

    Payloads(WorkflowStore store) {
        this.store = store;
    }

    /** The stored form of {@code value}, a result of step (or element) {@code key} of run {@code runId}. */
    String save(String runId, String key, JsonNode value) {
        var text = WorkflowJson.MAPPER.writeValueAsString(value);
        if (text.length() <= INLINE_LIMIT) {
            return text;
        }
        var id = runId + ":" + key;
        store.putBlob(id, text.getBytes(StandardCharsets.UTF_8));
        return "@" + id;
    }

    /** The value a stored form holds, reading the blob of a reference. */
    JsonNode load(String stored) {
        if (stored.startsWith("@")) {
            var id = stored.substring(1);
            var bytes = store.blob(id).orElseThrow(() -> new IllegalStateException("missing result blob " + id));
            return WorkflowJson.MAPPER.readTree(bytes);
        }
        return WorkflowJson.MAPPER.readTree(stored);
    }
}
