package dev.kumo.runtime.internal;

/** The request body cannot be mapped to the handler's input type; the handler is not called. */
final class InvalidInputException extends RuntimeException {

    InvalidInputException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
