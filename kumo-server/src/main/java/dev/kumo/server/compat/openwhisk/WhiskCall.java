package dev.kumo.server.compat.openwhisk;

import dev.kumo.core.event.Namespace;
import dev.kumo.server.http.Request;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One authenticated request to the OpenWhisk-compatible API.
 *
 * @param request   the HTTP request
 * @param caller    the namespace the credentials opened
 * @param requestId the id OpenWhisk puts in every error's {@code code}
 */
record WhiskCall(Request request, Namespace caller, String requestId) {

    /** The namespace of the path ({@code _} is the caller's own; another one is a 403). */
    String namespace() {
        return WhiskNames.namespace(request.param("ns"), caller);
    }

    /** A path parameter. */
    String param(String name) {
        return request.param(name);
    }

    /** A boolean query parameter: {@code true} (any case) is true, anything else false. */
    boolean flag(String name) {
        return request.query(name).map(v -> v.strip().toLowerCase(Locale.ROOT).equals("true")).orElse(false);
    }

    /** An integer query parameter within [min, max]; absent or empty is the default. */
    int intQuery(String name, int defaultValue, int min, int max) {
        var raw = request.query(name).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WhiskException.badRequest("The query parameter '" + name + "' must be an integer between " + min
                + " and " + max + ", got '" + raw.get() + "'.");
    }

    /** A long query parameter (epoch milliseconds); absent or empty is the default. */
    long longQuery(String name, long defaultValue) {
        var raw = request.query(name).map(String::strip).filter(v -> !v.isEmpty());
        try {
            return raw.map(Long::parseLong).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw WhiskException.badRequest("The query parameter '" + name + "' must be epoch milliseconds, got '"
                    + raw.get() + "'.");
        }
    }

    /** The body as a JSON object; an empty body is an empty object, anything else but an object a 400. */
    JsonNode body(JsonMapper mapper) {
        if (request.body().length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(request.body());
        } catch (JacksonException e) {
            throw WhiskException.badRequest("The request content was malformed: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw WhiskException.badRequest("The request content was malformed: expected a JSON object.");
        }
        return node;
    }
}
