package dev.kumo.core;

/** Something a request names does not exist: a function, version, alias, trigger, dead letter... (HTTP 404). */
public final class NotFoundException extends RuntimeException {

    /** Creates the exception with a message fit for the client. */
    public NotFoundException(String message) {
        super(message);
    }
}
