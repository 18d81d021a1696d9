package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.Activation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Kumo {@link Activation} in OpenWhisk's shape. The response follows OpenWhisk's rules: a result object
 * with an {@code error} field is an {@code application error} (status code 1); a function that threw, timed
 * out, crashed or returned something other than an object is an {@code action developer error} (2).
 */
final class ActivationRecord {

    static final String SUCCESS = "success";
    static final String APPLICATION_ERROR = "application error";
    static final String DEVELOPER_ERROR = "action developer error";

    private ActivationRecord() {
    }

    /** The {@code response} object: status, statusCode, success and result. */
    static Map<String, Object> response(Activation a, JsonMapper mapper) {
        String status;
        JsonNode result;
        switch (a.status()) {
            case SUCCESS -> {
                result = parse(a.result().orElse("null"), mapper);
                if (!result.isObject()) {
                    status = DEVELOPER_ERROR;
                    result = error(mapper, "The action did not return a dictionary.");
                } else {
                    status = result.has("error") ? APPLICATION_ERROR : SUCCESS;
                }
            }
            case TIMEOUT -> {
                status = DEVELOPER_ERROR;
                result = error(mapper, "The action exceeded its time limits: " + a.error()
                        .map(e -> e.message()).orElse("timed out") + ".");
            }
            default -> {
                status = DEVELOPER_ERROR;
                result = error(mapper, a.error().map(e -> e.message().isEmpty() ? e.errorType()
                        : e.errorType() + ": " + e.message()).orElse(a.status().wireName()));
            }
        }
        var response = new LinkedHashMap<String, Object>();
        response.put("status", status);
        response.put("statusCode", switch (status) {
            case SUCCESS -> 0;
            case APPLICATION_ERROR -> 1;
            default -> 2;
        });
        response.put("success", status.equals(SUCCESS));
        response.put("result", result);
        return response;
    }

    /** Whether the activation succeeded in OpenWhisk's terms. */
    static boolean success(Map<String, Object> record) {
        return record.get("response") instanceof Map<?, ?> r && Boolean.TRUE.equals(r.get("success"));
    }

    /** The full record; without logs and result when {@code docs} is false (activation lists). */
    static Map<String, Object> of(Activation a, WhiskActions.Info info, JsonMapper mapper, boolean docs) {
        var owner = WhiskNames.owner(a.function());
        long start = a.start().toEpochMilli();
        long end = start + Math.round(a.queueMs() + a.initMs() + a.durationMs());
        var response = response(a, mapper);
        if (!docs) {
            response.remove("result");
        }
        var annotations = new ArrayList<Object>();
        annotations.add(Map.of("key", "path", "value", owner.path()));
        annotations.add(Map.of("key", "waitTime", "value", Math.round(a.queueMs())));
        annotations.add(Map.of("key", "kind", "value", info.kind()));
        annotations.add(Map.of("key", "timeout", "value", a.status() == dev.kumo.core.ActivationStatus.TIMEOUT));
        annotations.add(Map.of("key", "limits", "value", Map.of("concurrency", info.concurrency(),
                "logs", info.logsKb(), "memory", info.memoryMb(), "timeout", info.timeoutMs())));
        if (a.coldStart()) {
            annotations.add(Map.of("key", "initTime", "value", Math.round(a.initMs())));
        }
        var v = new LinkedHashMap<String, Object>();
        v.put("activationId", a.id().value());
        v.put("namespace", owner.namespace());
        v.put("name", owner.name());
        v.put("version", info.version());
        v.put("subject", owner.namespace());
        v.put("start", start);
        v.put("end", end);
        v.put("duration", end - start);
        v.put("statusCode", response.get("statusCode"));
        v.put("response", response);
        if (docs) {
            v.put("logs", logs(a));
        }
        v.put("annotations", annotations);
        v.put("publish", false);
        return v;
    }

    /** Log lines as OpenWhisk prints them: {@code <ISO time> stdout: <line>}, stamped with the start time. */
    static List<String> logs(Activation a) {
        String time = Instant.ofEpochMilli(a.start().toEpochMilli()).toString();
        return a.logs().stream().map(line -> time + " stdout: " + line).toList();
    }

    private static JsonNode parse(String json, JsonMapper mapper) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            return mapper.getNodeFactory().stringNode(json);
        }
    }

    private static ObjectNode error(JsonMapper mapper, String message) {
        var node = mapper.createObjectNode();
        node.put("error", message);
        return node;
    }
}
