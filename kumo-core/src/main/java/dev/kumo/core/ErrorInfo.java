package dev.kumo.core;

import java.util.List;

/**
 * An error a function raised (or the platform raised on its behalf), as shown to callers.
 *
 * @param errorType  exception class name, or a platform error type such as {@code Timeout}
 * @param message    the exception message, possibly empty
 * @param stackTrace frames as {@code class.method(File:line)}, bounded in length
 */
public record ErrorInfo(String errorType, String message, List<String> stackTrace) {

    private static final int MAX_FRAMES = 50;

    /** Bounds the stack trace and replaces nulls with empty values. */
    public ErrorInfo {
        errorType = errorType == null ? "Error" : errorType;
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? List.of()
                : List.copyOf(stackTrace.subList(0, Math.min(MAX_FRAMES, stackTrace.size())));
    }

    /** Describes {@code t}, unwrapping nothing. */
    public static ErrorInfo of(Throwable t) {
        return new ErrorInfo(t.getClass().getName(), t.getMessage(),
                java.util.Arrays.stream(t.getStackTrace()).map(StackTraceElement::toString).toList());
    }
}
