package dev.kumo.runtime.internal;

/** The configured handler class cannot serve as a handler (abstract, no no-arg constructor, wrong type). */
final class HandlerInvalidException extends RuntimeException {

    HandlerInvalidException(String message) {
        super(message, null, false, false);
    }
}
