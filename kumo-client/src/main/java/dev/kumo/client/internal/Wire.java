package dev.kumo.client.internal;

import dev.kumo.client.ActivationError;
import dev.kumo.client.ActivationInfo;
import dev.kumo.client.ActivationTree;
import dev.kumo.client.ActivationStatus;
import dev.kumo.client.AliasInfo;
import dev.kumo.client.AsyncOptions;
import dev.kumo.client.AttemptInfo;
import dev.kumo.client.FunctionInfo;
import dev.kumo.client.KumoApiException;
import dev.kumo.client.KumoProtocolException;
import dev.kumo.client.Page;
import dev.kumo.client.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the API's JSON into the client's records ({@link Encoder} writes it) and holds the shared mapper. Reading
 * is strict about the fields that identify a thing (a missing {@code name} is a {@link KumoProtocolException} naming
 * it) and lenient elsewhere: absent collections are empty, absent numbers 0, and numbers sent as strings are
 * accepted.
 */
public final class Wire {

    /** Thread-safe and immutable; shared by all clients. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Wire() {
    }

    /** Parses a whole body; an empty body is a missing node. */
    public static JsonNode parse(byte[] body, String what) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new KumoProtocolException("the server sent malformed JSON for " + what + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Serializes a tree compactly. */
    public static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    /** Serializes a tree with indentation. */
    public static String pretty(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    // ---- reading ----

    /** Reads a Function (or version). */
    public static FunctionInfo function(JsonNode node) {
        String what = "function";
        requireObject(node, what);
        return new FunctionInfo(text(node, "name", what), text(node, "version", what), text(node, "handler", what),
                optionalText(node, "runtime").orElse("java"), (int) integer(node, "memoryMb", what),
                integer(node, "timeoutMs", what), (int) integer(node, "concurrency", what),
                (int) integer(node, "maxInstances", what), tier(text(node, "tier", what)),
                stringMap(node.path("env"), "env"), optionalText(node, "description").orElse(""),
                optionalText(node, "codeSha256").orElse(""), integer(node, "codeSize", what),
                instant(node, "modified", what), integer(node, "revision", what), async(node.path("async")));
    }

    private static AsyncOptions async(JsonNode node) {
        if (!node.isObject()) {
            return AsyncOptions.DEFAULTS;
        }
        return new AsyncOptions(node.has("maxRetries") ? (int) integer(node, "maxRetries", "async")
                : AsyncOptions.DEFAULTS.maxRetries(), node.has("maxEventAgeSeconds")
                ? (int) integer(node, "maxEventAgeSeconds", "async") : AsyncOptions.DEFAULTS.maxEventAgeSeconds(),
                optionalText(node, "onSuccess"), optionalText(node, "onFailure"));
    }

    /** Reads an Alias. */
    public static AliasInfo alias(JsonNode node) {
        String what = "alias";
        requireObject(node, what);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.path("additionalVersionWeights").properties()) {
            if (!entry.getValue().isNumber()) {
                throw new KumoProtocolException("malformed alias from the server: weight of version '"
                        + entry.getKey() + "' is not a number");
            }
            weights.put(entry.getKey(), entry.getValue().doubleValue());
        }
        return new AliasInfo(text(node, "function", what), text(node, "name", what), text(node, "version", what),
                weights, optionalText(node, "description").orElse(""), instant(node, "modified", what));
    }

    /** Reads an Activation. */
    public static ActivationInfo activation(JsonNode node) {
        String what = "activation";
        requireObject(node, what);
        JsonNode result = node.path("result");
        JsonNode error = node.path("error");
        return new ActivationInfo(text(node, "activationId", what), text(node, "function", what),
                text(node, "version", what), status(text(node, "status", what)), bool(node, "coldStart"),
                instant(node, "start", what), decimal(node, "durationMs", what), decimal(node, "initMs", what),
                decimal(node, "queueMs", what), (int) integer(node, "memoryMb", what),
                integer(node, "inputBytes", what), integer(node, "outputBytes", what),
                result.isMissingNode() ? Optional.empty() : Optional.of(JSON.writeValueAsString(result)),
                error.isObject() ? Optional.of(activationError(error, "Error")) : Optional.empty(),
                strings(node.path("logs"), "logs"), node.has("attempt") ? (int) integer(node, "attempt", what) : 1,
                attempts(node.path("attempts")), optionalText(node, "parentId"));
    }

    /** Reads an activation tree ({@code GET /v1/activations/{id}/tree}). */
    public static ActivationTree tree(JsonNode node) {
        String what = "activation tree";
        requireObject(node, what);
        List<ActivationTree> children = new ArrayList<>(node.path("children").size());
        for (JsonNode child : node.path("children")) {
            children.add(tree(child));
        }
        return new ActivationTree(text(node, "activationId", what), text(node, "function", what),
                text(node, "version", what), status(text(node, "status", what)), bool(node, "coldStart"),
                instant(node, "start", what), decimal(node, "durationMs", what), optionalText(node, "parentId"),
                optionalText(node, "errorType"), optionalText(node, "errorMessage"), children);
    }

    /** Reads a list of earlier attempts; absent is empty. */
    static List<AttemptInfo> attempts(JsonNode node) {
        List<AttemptInfo> out = new ArrayList<>(node.size());
        for (JsonNode each : node) {
            requireObject(each, "attempt");
            JsonNode error = each.path("error");
            out.add(new AttemptInfo((int) integer(each, "attempt", "attempt"), status(text(each, "status", "attempt")),
                    instant(each, "start", "attempt"), decimal(each, "durationMs", "attempt"),
                    error.isObject() ? Optional.of(activationError(error, "Error")) : Optional.empty(),
                    strings(each.path("logs"), "logs")));
        }
        return out;
    }

    /** Reads a page {@code {"items":[...],"nextToken":"..."}}. */
    public static <T> Page<T> page(JsonNode node, Function<JsonNode, T> item) {
        requireObject(node, "page");
        JsonNode items = node.path("items");
        if (!items.isArray()) {
            throw new KumoProtocolException("malformed page from the server: 'items' is not an array");
        }
        List<T> out = new ArrayList<>(items.size());
        for (JsonNode each : items) {
            out.add(item.apply(each));
        }
        return new Page<>(out, optionalText(node, "nextToken").filter(t -> !t.isEmpty()));
    }

    /** Reads {@code {"activationId":"...","logs":[...]}}. */
    public static List<String> logs(JsonNode node) {
        requireObject(node, "logs");
        return strings(node.path("logs"), "logs");
    }

    /** The exception for a non-2xx answer, read from its {@code {"error":{...}}} body where there is one. */
    public static KumoApiException apiError(Response response) {
        JsonNode error = tryParse(response.body()).path("error");
        String code = error.path("code").isString() ? error.path("code").stringValue() : defaultCode(response.status());
        String detail = error.path("message").isString() && !error.path("message").stringValue().isBlank()
                ? error.path("message").stringValue() : fallbackDetail(response);
        Optional<String> field = optionalText(error, "field").filter(f -> !f.isEmpty());
        Optional<String> reason = optionalText(error, "reason").filter(r -> !r.isEmpty());
        Optional<Duration> retryAfter = response.header("Retry-After").flatMap(Wire::seconds);
        return new KumoApiException(response.status(), code, detail, field, reason, retryAfter);
    }

    /**
     * The function error carried by a 502/504 body. The fields are looked up inside {@code error} first and then at
     * the top level, so both placements the contract allows are read.
     */
    public static ActivationError functionError(int status, byte[] body) {
        JsonNode root = tryParse(body);
        JsonNode error = root.path("error").isObject() ? root.path("error") : root;
        String fallbackType = status == 504 ? "Timeout" : "FunctionError";
        String type = firstText(error, root, "errorType").or(() -> firstText(error, root, "code")).orElse(fallbackType);
        ObjectNode merged = object();
        merged.put("errorType", type);
        merged.put("message", firstText(error, root, "message").orElse(""));
        JsonNode trace = error.path("stackTrace").isArray() ? error.path("stackTrace") : root.path("stackTrace");
        merged.set("stackTrace", trace.isArray() ? trace : JSON.createArrayNode());
        return activationError(merged, fallbackType);
    }

    static ActivationError activationError(JsonNode node, String fallbackType) {
        return new ActivationError(optionalText(node, "errorType").orElse(fallbackType),
                optionalText(node, "message").orElse(""), strings(node.path("stackTrace"), "stackTrace"));
    }

    // ---- field access ----

    static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new KumoProtocolException("malformed " + what + " from the server: expected a JSON object");
        }
    }

    static String text(JsonNode node, String field, String what) {
        return optionalText(node, field).orElseThrow(() -> new KumoProtocolException(
                "malformed " + what + " from the server: missing '" + field + "'"));
    }

    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? Optional.of(value.stringValue())
                : value.isNumber() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static Optional<String> firstText(JsonNode first, JsonNode second, String field) {
        return optionalText(first, field).or(() -> optionalText(second, field));
    }

    static long integer(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.longValue();
        }
        try {
            return Long.parseLong(value.isString() ? value.stringValue().strip() : "");
        } catch (NumberFormatException e) {
            throw new KumoProtocolException("malformed " + what + " from the server: '" + field + "' is not a number");
        }
    }

    static double decimal(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(value.isString() ? value.stringValue().strip() : "");
        } catch (NumberFormatException e) {
            throw new KumoProtocolException("malformed " + what + " from the server: '" + field + "' is not a number");
        }
    }

    static boolean bool(JsonNode node, String field) {
        return node.path(field).isBoolean() && node.path(field).booleanValue();
    }

    static Instant instant(JsonNode node, String field, String what) {
        String text = text(node, field, what);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new KumoProtocolException("malformed " + what + " from the server: '" + field
                    + "' is not an ISO-8601 instant: " + text, e);
        }
    }

    private static Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            out.put(entry.getKey(), entry.getValue().isString() ? entry.getValue().stringValue()
                    : entry.getValue().toString());
        }
        return out;
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode each : node) {
            out.add(each.isString() ? each.stringValue() : each.toString());
        }
        return out;
    }

    private static Tier tier(String text) {
        try {
            return Tier.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw new KumoProtocolException("malformed function from the server: " + e.getMessage(), e);
        }
    }

    static ActivationStatus status(String text) {
        try {
            return ActivationStatus.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw new KumoProtocolException("malformed activation from the server: " + e.getMessage(), e);
        }
    }

    private static JsonNode tryParse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            long value = Long.parseLong(header.trim());
            return value >= 0 ? Optional.of(Duration.ofSeconds(value)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "InvalidRequest";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 413 -> "PayloadTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 429 -> "TooManyRequests";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> "HttpError";
        };
    }

    private static String fallbackDetail(Response response) {
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.startsWith("{") || text.startsWith("<")) {
            return "the server answered HTTP " + response.status() + " without an error message";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
