package dev.kumo.client;

/** The server could not be reached, or did not answer within the request timeout. */
public final class KumoConnectionException extends KumoException {

    /** Creates the exception; {@code message} says which server and what to do about it. */
    public KumoConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
