package dev.kumo.server.routes;

import dev.kumo.server.http.ApiException;
import dev.kumo.server.http.JsonCodec;

/** The check every body that becomes a function's input passes: one well-formed JSON value. */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Rejects a body that is not one well-formed JSON value (an empty body means {@code null}). */
    static void requireJson(JsonCodec json, byte[] body) {
        json.singleValueProblem(body).ifPresent(problem -> {
            throw ApiException.badRequest("body", problem.trailing() ? "request body must be a single JSON value"
                    : "request body is not valid JSON: " + problem.detail());
        });
    }

    /** 413 for a body over {@code limit}, for routes whose limit depends on more than the path. */
    static void requireAtMost(byte[] body, long limit, String what) {
        if (body.length > limit) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "PayloadTooLarge", "body", what + " of " + body.length + " bytes exceeds the limit of " + limit
                    + " bytes", java.util.Map.of());
        }
    }
}
