package dev.kumo.server.routes;

import dev.kumo.server.http.ApiException;

/** Checks of request bodies that Jackson's strict mapping leaves to the routes. */
final class InvalidRequests {

    private InvalidRequests() {
    }

    /** 400 naming {@code field} when it is absent or blank. */
    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return value;
    }
}
