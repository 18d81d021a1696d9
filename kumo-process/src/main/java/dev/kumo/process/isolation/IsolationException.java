package dev.kumo.process.isolation;

/** The isolation layer could not set something up (a cgroup, a namespace, a filter file): infrastructure failure. */
public final class IsolationException extends RuntimeException {

    /** With a message naming what failed. */
    public IsolationException(String message) {
        super(message);
    }

    /** With a message and the underlying failure. */
    public IsolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
