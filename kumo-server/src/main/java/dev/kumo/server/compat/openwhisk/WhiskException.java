package dev.kumo.server.compat.openwhisk;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A client error of the OpenWhisk-compatible API, rendered OpenWhisk's way as
 * {@code {"error":"...","code":"<request id>"}}.
 */
final class WhiskException extends RuntimeException {

    private final HttpResponseStatus status;

    WhiskException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpResponseStatus status() {
        return status;
    }

    static WhiskException badRequest(String message) {
        return new WhiskException(HttpResponseStatus.BAD_REQUEST, message);
    }

    static WhiskException notFound() {
        return new WhiskException(HttpResponseStatus.NOT_FOUND, "The requested resource does not exist.");
    }

    static WhiskException conflict() {
        return new WhiskException(HttpResponseStatus.CONFLICT, "resource already exists");
    }
}
