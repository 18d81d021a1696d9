package dev.kumo.store;

/**
 * The embedded store cannot do its job: the data directory is locked by another process, a disk write
 * failed, or a stored record cannot be read. Always an infrastructure failure, never a client error.
 */
public final class StoreException extends RuntimeException {

    /** Creates the exception. */
    public StoreException(String message) {
        super(message);
    }

    /** Creates the exception with the failure that caused it. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
