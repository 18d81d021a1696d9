package dev.kumo.async.internal;

import dev.kumo.core.ErrorInfo;
import dev.kumo.core.event.QueuedInvocation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * How an asynchronous invocation ended for good, as its destinations and callback report it.
 *
 * @param invocation the invocation, with the history of its failed attempts
 * @param version    the version that ran its last attempt (the qualifier when none ran)
 * @param condition  why it ended
 * @param attempts   attempts made, the last included
 * @param output     the function's JSON result, for a success
 * @param error      the last error, for a failure
 */
public record Outcome(QueuedInvocation invocation, String version, Condition condition, int attempts,
                      Optional<byte[]> output, Optional<ErrorInfo> error) {

    /** Why an invocation ended, named as Lambda's destination records name it. */
    public enum Condition {
        SUCCESS("Success"),
        RETRIES_EXHAUSTED("RetriesExhausted"),
        EVENT_AGE_EXCEEDED("EventAgeExceeded"),
        FUNCTION_NOT_FOUND("FunctionNotFound");

        private final String wireName;

        Condition(String wireName) {
            this.wireName = wireName;
        }

        /** The name in destination records. */
        public String wireName() {
            return wireName;
        }
    }

    /** Whether the function returned. */
    public boolean succeeded() {
        return condition == Condition.SUCCESS;
    }

    /** The invocation's payload as JSON (null when empty; a string when it is not JSON). */
    JsonNode request(JsonMapper mapper) {
        return tree(mapper, invocation.payload());
    }

    /** The function's result as JSON, null for a failure. */
    JsonNode result(JsonMapper mapper) {
        return output.map(bytes -> tree(mapper, bytes)).orElse(NullNode.getInstance());
    }

    private static JsonNode tree(JsonMapper mapper, byte[] json) {
        if (json.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            return StringNode.valueOf(new String(json, StandardCharsets.UTF_8));
        }
    }
}
