package dev.kumo.core;

/**
 * A request a client sent is invalid. Names the offending field so that the gateway can answer
 * {@code 400 {"error":{"code":"InvalidRequest","field":...,"message":...}}}.
 */
public final class InvalidRequestException extends RuntimeException {

    private final String field;

    /** Creates an exception for {@code field}, which may be empty when the whole request is wrong. */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field that is wrong, e.g. {@code memoryMb}; empty when not specific to a field. */
    public String field() {
        return field;
    }

    /** Throws when {@code condition} is false. */
    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidRequestException(field, message);
        }
    }
}
