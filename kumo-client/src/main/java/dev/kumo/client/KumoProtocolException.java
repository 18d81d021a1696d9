package dev.kumo.client;

/** The server answered, but not in the form the API promises (unreadable JSON, a missing field). */
public final class KumoProtocolException extends KumoException {

    /** Creates the exception. */
    public KumoProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception without a cause. */
    public KumoProtocolException(String message) {
        super(message, null);
    }
}
