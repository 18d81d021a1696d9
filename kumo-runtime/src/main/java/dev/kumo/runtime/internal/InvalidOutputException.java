package dev.kumo.runtime.internal;

/**
 * A handler that writes its own bytes ({@code byte[]} output or a stream handler) produced something that
 * is not JSON. Reported as a function error of type {@code InvalidOutput}: invoke responses and activation
 * results are always JSON.
 */
final class InvalidOutputException extends RuntimeException {

    InvalidOutputException(String message) {
        super(message, null, false, false);
    }
}
