package dev.kumo.client;

import java.util.List;
import java.util.Objects;

/**
 * The error of a failed activation: what the function threw, or a platform error type such as {@code Timeout}.
 *
 * @param errorType  exception class name or platform error type
 * @param message    the error message, possibly empty
 * @param stackTrace frames as {@code class.method(File:line)}, possibly empty
 */
public record ActivationError(String errorType, String message, List<String> stackTrace) {

    /** Copies the stack trace. */
    public ActivationError {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
        stackTrace = List.copyOf(stackTrace);
    }

    /** {@code errorType: message}, or just the type when the message is empty. */
    public String summary() {
        return message.isEmpty() ? errorType : errorType + ": " + message;
    }
}
