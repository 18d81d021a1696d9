package dev.kumo.core;

/** A request conflicts with the current state, e.g. deleting a version an alias still points at (HTTP 409). */
public final class ConflictException extends RuntimeException {

    /** Creates the exception with a message fit for the client. */
    public ConflictException(String message) {
        super(message);
    }
}
