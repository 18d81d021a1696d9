package dev.kumo.client.internal;

import dev.kumo.client.ActivationError;
import dev.kumo.client.ActivationInfo;
import dev.kumo.client.ActivationTree;
import dev.kumo.client.AliasInfo;
import dev.kumo.client.AsyncOptions;
import dev.kumo.client.AttemptInfo;
import dev.kumo.client.FunctionInfo;
import dev.kumo.client.FunctionSpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes request bodies and the client's records in the API's JSON form; the inverse of {@link Wire}'s readers.
 * Maps are written in key order so bodies are deterministic.
 */
public final class Encoder {

    private Encoder() {
    }

    /** The JSON body of {@code PUT /v1/functions/{name}} with code: the spec plus {@code code.jarBase64}. */
    public static ObjectNode functionBody(FunctionSpec spec, byte[] jar) {
        ObjectNode body = functionBody(spec);
        body.putObject("code").put("jarBase64", Base64.getEncoder().encodeToString(jar));
        return body;
    }

    /** The JSON body of {@code PUT /v1/functions/{name}} without code: only the fields the spec sets. */
    public static ObjectNode functionBody(FunctionSpec spec) {
        ObjectNode body = Wire.object();
        spec.handler().ifPresent(v -> body.put("handler", v));
        spec.runtime().ifPresent(v -> body.put("runtime", v));
        spec.network().ifPresent(v -> body.put("network", v));
        spec.memoryMb().ifPresent(v -> body.put("memoryMb", v));
        spec.timeoutMs().ifPresent(v -> body.put("timeoutMs", v));
        spec.concurrency().ifPresent(v -> body.put("concurrency", v));
        spec.maxInstances().ifPresent(v -> body.put("maxInstances", v));
        spec.tier().ifPresent(v -> body.put("tier", v.wireName()));
        spec.env().ifPresent(env -> {
            ObjectNode out = body.putObject("env");
            new TreeMap<>(env).forEach(out::put);
        });
        spec.description().ifPresent(v -> body.put("description", v));
        spec.async().ifPresent(a -> body.set("async", toJson(a)));
        return body;
    }

    /** The wire form of a function's asynchronous options; destinations only when set. */
    public static ObjectNode toJson(AsyncOptions a) {
        ObjectNode out = Wire.object();
        out.put("maxRetries", a.maxRetries());
        out.put("maxEventAgeSeconds", a.maxEventAgeSeconds());
        a.onSuccess().ifPresent(v -> out.put("onSuccess", v));
        a.onFailure().ifPresent(v -> out.put("onFailure", v));
        return out;
    }

    /** The wire form of a function. */
    public static ObjectNode toJson(FunctionInfo f) {
        ObjectNode out = Wire.object();
        out.put("name", f.name());
        out.put("version", f.version());
        out.put("handler", f.handler());
        out.put("runtime", f.runtime());
        out.put("memoryMb", f.memoryMb());
        out.put("timeoutMs", f.timeoutMs());
        out.put("concurrency", f.concurrency());
        out.put("maxInstances", f.maxInstances());
        out.put("tier", f.tier().wireName());
        ObjectNode env = out.putObject("env");
        new TreeMap<>(f.env()).forEach(env::put);
        out.put("description", f.description());
        out.set("async", toJson(f.async()));
        out.put("codeSha256", f.codeSha256());
        out.put("codeSize", f.codeSize());
        out.put("modified", f.modified().toString());
        out.put("revision", f.revision());
        return out;
    }

    /** The wire form of an alias. */
    public static ObjectNode toJson(AliasInfo a) {
        ObjectNode out = Wire.object();
        out.put("function", a.function());
        out.put("name", a.name());
        out.put("version", a.version());
        ObjectNode weights = out.putObject("additionalVersionWeights");
        new TreeMap<>(a.additionalVersionWeights()).forEach(weights::put);
        out.put("description", a.description());
        out.put("modified", a.modified().toString());
        return out;
    }

    /** The wire form of an activation. */
    public static ObjectNode toJson(ActivationInfo a) {
        ObjectNode out = Wire.object();
        out.put("activationId", a.activationId());
        out.put("function", a.function());
        out.put("version", a.version());
        out.put("status", a.status().wireName());
        out.put("coldStart", a.coldStart());
        out.put("start", a.start().toString());
        out.put("durationMs", a.durationMs());
        out.put("initMs", a.initMs());
        out.put("queueMs", a.queueMs());
        out.put("memoryMb", a.memoryMb());
        out.put("inputBytes", a.inputBytes());
        out.put("outputBytes", a.outputBytes());
        a.result().ifPresent(r -> out.set("result", embed(r)));
        a.error().ifPresent(e -> out.set("error", toJson(e)));
        a.logs().forEach(out.putArray("logs")::add);
        out.put("attempt", a.attempt());
        ArrayNode attempts = out.putArray("attempts");
        a.attempts().forEach(attempt -> attempts.add(toJson(attempt)));
        a.parentId().ifPresent(p -> out.put("parentId", p));
        return out;
    }

    /** The wire form of an activation tree. */
    public static ObjectNode toJson(ActivationTree t) {
        ObjectNode out = Wire.object();
        out.put("activationId", t.activationId());
        out.put("function", t.function());
        out.put("version", t.version());
        out.put("status", t.status().wireName());
        out.put("coldStart", t.coldStart());
        out.put("start", t.start().toString());
        out.put("durationMs", t.durationMs());
        t.parentId().ifPresent(p -> out.put("parentId", p));
        t.errorType().ifPresent(e -> out.put("errorType", e));
        t.errorMessage().ifPresent(e -> out.put("errorMessage", e));
        ArrayNode children = out.putArray("children");
        t.children().forEach(child -> children.add(toJson(child)));
        return out;
    }

    /** The wire form of an earlier attempt. */
    public static ObjectNode toJson(AttemptInfo a) {
        ObjectNode out = Wire.object();
        out.put("attempt", a.attempt());
        out.put("status", a.status().wireName());
        out.put("start", a.start().toString());
        out.put("durationMs", a.durationMs());
        a.error().ifPresent(e -> out.set("error", toJson(e)));
        a.logs().forEach(out.putArray("logs")::add);
        return out;
    }

    /** The wire form of an error. */
    public static ObjectNode toJson(ActivationError e) {
        ObjectNode error = Wire.object();
        error.put("errorType", e.errorType());
        error.put("message", e.message());
        e.stackTrace().forEach(error.putArray("stackTrace")::add);
        return error;
    }

    // A result the server cut short is no longer JSON; it is kept as a string rather than dropped.
    static JsonNode embed(String json) {
        try {
            return Wire.JSON.readTree(json);
        } catch (JacksonException e) {
            return Wire.JSON.getNodeFactory().stringNode(json);
        }
    }

    /** The body of {@code PUT /v1/functions/{name}/aliases/{alias}}. */
    public static ObjectNode aliasBody(String version, Map<String, Double> weights, String description) {
        ObjectNode body = Wire.object();
        body.put("version", version);
        ObjectNode out = body.putObject("additionalVersionWeights");
        new TreeMap<>(weights).forEach(out::put);
        body.put("description", description);
        return body;
    }
}
