package dev.kumo.server.compat.lambda;

import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads Lambda request bodies leniently: SDKs send fields Kumo has no use for ({@code Role}, {@code Architectures},
 * {@code RevisionId}, ...), so unknown fields are ignored, while a field Kumo reads with the wrong type is a 400
 * naming it.
 */
final class LambdaBodies {

    private LambdaBodies() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonNode object(JsonCodec json, byte[] body) {
        if (body.length == 0) {
            return json.mapper().createObjectNode();
        }
        JsonNode node;
        try {
            node = json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, LambdaErrors.INVALID_CONTENT,
                    "Could not parse request body into json: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, LambdaErrors.INVALID_CONTENT,
                    "request body must be a JSON object");
        }
        return node;
    }

    /** A string field; absent or null is empty. */
    static Optional<String> text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw LambdaErrors.invalidParameter(field + " must be a string");
        }
        return Optional.of(v.stringValue());
    }

    /** A required string field. */
    static String required(JsonNode o, String field) {
        return text(o, field).filter(s -> !s.isBlank())
                .orElseThrow(() -> LambdaErrors.invalidParameter(field + " is required"));
    }

    /** An integer field; absent or null is empty. */
    static Optional<Integer> integer(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw LambdaErrors.invalidParameter(field + " must be an integer");
        }
        return Optional.of(v.intValue());
    }

    /** A boolean field, false when absent. */
    static boolean flag(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw LambdaErrors.invalidParameter(field + " must be a boolean");
        }
        return v.booleanValue();
    }

    /** An object field; absent or null is empty. */
    static Optional<JsonNode> object(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw LambdaErrors.invalidParameter(field + " must be an object");
        }
        return Optional.of(v);
    }

    /** {@code Environment.Variables}: empty when {@code Environment} is absent, a map (maybe empty) otherwise. */
    static Optional<Map<String, String>> environment(JsonNode o) {
        return object(o, "Environment").map(env -> {
            var vars = new LinkedHashMap<String, String>();
            object(env, "Variables").ifPresent(v -> v.properties().forEach(e -> {
                if (!e.getValue().isString()) {
                    throw LambdaErrors.invalidParameter("Environment.Variables." + e.getKey() + " must be a string");
                }
                vars.put(e.getKey(), e.getValue().stringValue());
            }));
            return vars;
        });
    }

    /** {@code RoutingConfig.AdditionalVersionWeights}; empty when {@code RoutingConfig} is absent. */
    static Optional<Map<String, Double>> weights(JsonNode o) {
        return object(o, "RoutingConfig").map(routing -> {
            var weights = new LinkedHashMap<String, Double>();
            object(routing, "AdditionalVersionWeights").ifPresent(w -> w.properties().forEach(e -> {
                if (!e.getValue().isNumber()) {
                    throw LambdaErrors.invalidParameter("RoutingConfig.AdditionalVersionWeights." + e.getKey()
                            + " must be a number");
                }
                weights.put(e.getKey(), e.getValue().doubleValue());
            }));
            return weights;
        });
    }

    /** The base64 package in field {@code ZipFile} of {@code code}; other code sources are refused. */
    static byte[] zipFile(JsonNode code, long maxBytes) {
        for (String other : new String[] {"S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri"}) {
            if (code.has(other)) {
                throw LambdaErrors.invalidParameter(other + " is not supported by Kumo: upload the package inline"
                        + " as ZipFile");
            }
        }
        String base64 = required(code, "ZipFile");
        byte[] zip;
        try {
            zip = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalidParameter("ZipFile is not valid base64: " + e.getMessage());
        }
        if (zip.length > maxBytes) {
            throw LambdaErrors.tooLarge("the package of " + zip.length + " bytes exceeds the limit of " + maxBytes
                    + " bytes");
        }
        return zip;
    }
}
